package dev.fluxsuite.emulator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The wire formats again, against the built artifact (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
class RunResourceIT extends RunResourceTest {
}

package dev.fluxsuite.emulator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The faults again, against the built artifact. */
@QuarkusIntegrationTest
class FaultsIT extends FaultsTest {
}

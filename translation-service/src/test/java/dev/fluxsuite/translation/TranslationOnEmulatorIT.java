package dev.fluxsuite.translation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The emulator scenarios again, against the built artifact. */
@QuarkusIntegrationTest
class TranslationOnEmulatorIT extends TranslationOnEmulatorTest {
}

package dev.fluxsuite.image;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The emulator scenarios again, against the built artifact. */
@QuarkusIntegrationTest
class ImageServiceOnEmulatorIT extends ImageServiceOnEmulatorTest {
}

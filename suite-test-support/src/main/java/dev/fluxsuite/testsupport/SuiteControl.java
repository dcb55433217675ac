package dev.fluxsuite.testsupport;

/** The services behind the gateway under test: the emulator's controls, and the two services to stop and start. */
public record SuiteControl(EmulatorControl emulator, ServiceProcess translation, ServiceProcess image) {
}

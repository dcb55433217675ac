package dev.fluxsuite.gateway.service;

/** Hears a generation's stages as they happen, for the streaming endpoints. */
public interface Progress {

    Progress NONE = new Progress() {
    };

    default void translating(String prompt) {
    }

    default void translated(Prepared prepared) {
    }

    default void generating(Prepared prepared) {
    }
}

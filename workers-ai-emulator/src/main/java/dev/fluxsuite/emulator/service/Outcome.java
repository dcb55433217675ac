package dev.fluxsuite.emulator.service;

/** How the emulator answered a call, as {@code GET /emulator/stats} counts it. */
public enum Outcome {
    OK("ok"),
    RATE_LIMITED("rate-limited"),
    QUOTA_EXHAUSTED("quota-exhausted"),
    SERVER_ERROR("server-error"),
    TIMEOUT("timeout"),
    MALFORMED("malformed"),
    UNAUTHORIZED("unauthorized"),
    BAD_INPUT("bad-input"),
    UNKNOWN_MODEL("unknown-model");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

package dev.fluxsuite.emulator.service;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The faults the emulator can play, by the names {@code POST /emulator/faults} takes. */
public enum FaultMode {
    NONE("none"),
    /** 429 with code 3040 once the account's per-minute budget is spent. */
    RATE_LIMIT("rate-limit"),
    /** 429 with code 4006, the daily-allocation message. */
    QUOTA_EXHAUSTED("quota-exhausted"),
    /** 500. */
    SERVER_ERROR("server-error"),
    /** Holds the answer for {@code emulator.timeout-hold}, then 408 with code 3007. */
    TIMEOUT("timeout"),
    /** 200 with a body that is not what the model returns. */
    MALFORMED("malformed");

    private final String wireName;

    FaultMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<FaultMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(FaultMode::wireName).toList());
    }
}

package dev.fluxsuite.workersai;

import java.time.Duration;
import java.time.Instant;

/**
 * Every account is cooling down or out of its daily quota for the asked model, so the call failed at once
 * without reaching Workers AI. {@link #availableAt()} is when the first account returns.
 */
public final class AccountsUnavailableException extends WorkersAiException {

    private final Instant availableAt;
    private final boolean quotaExhausted;

    public AccountsUnavailableException(String message, Instant availableAt, Duration retryAfter, boolean quotaExhausted) {
        super(message, 429, null, retryAfter, false);
        this.availableAt = availableAt;
        this.quotaExhausted = quotaExhausted;
    }

    /** When the first account can take this model again. */
    public Instant availableAt() {
        return availableAt;
    }

    /** True when every account is out of its daily allocation (back at 00:00 UTC), not merely cooling down. */
    public boolean quotaExhausted() {
        return quotaExhausted;
    }
}

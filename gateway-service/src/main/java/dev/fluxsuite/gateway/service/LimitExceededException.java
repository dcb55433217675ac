package dev.fluxsuite.gateway.service;

import java.time.Duration;

/**
 * A consumer's limit refuses a request: {@code rate_limited} (requests a minute) or {@code daily_budget_exhausted}
 * (images a day), with how long until the next request can be taken.
 */
public class LimitExceededException extends RuntimeException {

    private final String code;
    private final Duration retryAfter;

    public LimitExceededException(String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package dev.fluxsuite.workersai;

import java.time.Duration;

/** Daily allocation spent (429, code 3036 or 4006): the account is out until 00:00 UTC, another account may serve the call. */
public final class QuotaExhaustedException extends WorkersAiException {

    public QuotaExhaustedException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, true);
    }
}

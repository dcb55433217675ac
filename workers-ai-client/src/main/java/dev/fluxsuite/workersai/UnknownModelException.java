package dev.fluxsuite.workersai;

import java.time.Duration;

/** No such model (code 5007 or 3042): no account and no retry can help. */
public final class UnknownModelException extends WorkersAiException {

    public UnknownModelException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, false);
    }
}

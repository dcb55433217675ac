package dev.fluxsuite.workersai;

import java.time.Duration;

/** Workers AI rejected the input (400/413): the caller must change the request, a retry cannot help. */
public final class InvalidInputException extends WorkersAiException {

    public InvalidInputException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, false);
    }
}

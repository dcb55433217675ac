package dev.fluxsuite.workersai;

import java.time.Duration;

/** A 2xx answer that is not what the model returns (not JSON where JSON was due, no image, no text). */
public final class MalformedResponseException extends WorkersAiException {

    public MalformedResponseException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, true);
    }
}

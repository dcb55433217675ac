package dev.fluxsuite.workersai;

import java.time.Duration;

/** Workers AI failed on its side (5xx, or its own 408 timeout): worth another attempt after a short backoff. */
public final class UpstreamServerException extends WorkersAiException {

    public UpstreamServerException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, true);
    }
}

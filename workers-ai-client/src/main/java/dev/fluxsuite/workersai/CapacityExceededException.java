package dev.fluxsuite.workersai;

import java.time.Duration;

/** Momentary capacity limit (429, code 3040): that model rests on that account briefly, another account may serve it now. */
public final class CapacityExceededException extends WorkersAiException {

    public CapacityExceededException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, true);
    }
}

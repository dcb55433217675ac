package dev.fluxsuite.workersai.rest;

import java.time.Duration;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Responses in the {@link ApiError} shape. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiError.of(code, message)).build();
    }

    /** With {@code Retry-After} in whole seconds, rounded up so that a client never comes back a moment too early. */
    public static Response retryLater(int status, String code, String message, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Response.status(status).header("Retry-After", seconds).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(code, message)).build();
    }
}

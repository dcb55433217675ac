package dev.fluxsuite.workersai.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The error shape of the services built on this library: {@code {"error": {"code", "message"}}}. */
@RegisterForReflection
public record ApiError(Body error) {

    @RegisterForReflection
    public record Body(String code, String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(new Body(code, message));
    }
}

package dev.fluxsuite.gateway.rest;

import java.io.IOException;
import java.time.Duration;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.fluxsuite.gateway.client.DownstreamException;
import dev.fluxsuite.gateway.service.BadRequestException;
import dev.fluxsuite.gateway.service.ImageStoreUnavailableException;
import dev.fluxsuite.gateway.service.LimitExceededException;
import dev.fluxsuite.gateway.service.ModelNotFoundException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpClosedException;

/**
 * Any failure, told as status, code, message, the parameter at fault and a wait when one is known; the seed's and
 * OpenAI's error shapes are both drawn from it. Downstream errors keep their status and code; their messages were
 * written for clients and never carry a secret.
 */
public record Failure(int status, String code, String message, String param, Duration retryAfter) {

    public static Failure of(Throwable failure) {
        return switch (failure) {
            case BadRequestException b -> new Failure(400, b.code(), b.getMessage(), b.param(), null);
            case LimitExceededException l -> new Failure(429, l.code(), l.getMessage(), null, l.retryAfter());
            case ModelNotFoundException m -> new Failure(404, "model_not_found", m.getMessage(), "model", null);
            case ImageStoreUnavailableException u -> new Failure(503, "image_store_unavailable", u.getMessage(), null,
                    Duration.ofSeconds(2));
            case DownstreamException d -> new Failure(d.status(), d.code(), d.getMessage(), null, d.retryAfter().orElse(null));
            case CircuitBreakerOpenException o -> new Failure(503, "image_service_unavailable",
                    "image-service is failing and is left alone for a few seconds; try again shortly", null,
                    Duration.ofSeconds(5));
            case TimeoutException t ->
                new Failure(504, "image_service_timeout", "image-service did not answer in time", null, null);
            case ProcessingException p -> unreachable();
            case HttpClosedException closed -> unreachable();
            case JsonProcessingException j -> json(j);
            case IOException io -> unreachable();
            case WebApplicationException w when w.getCause() instanceof JsonProcessingException j -> json(j);
            case WebApplicationException w -> new Failure(w.getResponse().getStatus(), codeOf(w.getResponse().getStatus()),
                    w.getResponse().getStatus() >= 500 ? "Internal error" : w.getMessage(), null, null);
            default -> {
                Log.error("Unexpected failure", failure);
                yield new Failure(500, "internal_error", "Internal error", null, null);
            }
        };
    }

    private static Failure unreachable() {
        return new Failure(503, "image_service_unavailable", "image-service cannot be reached", null, Duration.ofSeconds(5));
    }

    private static Failure json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("none");
            return new Failure(400, "unknown_field", "'" + unknown.getPropertyName() + "' is not a field of this request; "
                    + "the fields are: " + known, unknown.getPropertyName(), null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            return new Failure(400, "invalid_json", "'" + field + "' has the wrong type: "
                    + e.getOriginalMessage().split("\n")[0], field, null);
        }
        return new Failure(400, "invalid_json", "The body is not valid JSON: " + e.getOriginalMessage(), null, null);
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }
}

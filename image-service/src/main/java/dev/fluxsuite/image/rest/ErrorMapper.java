package dev.fluxsuite.image.rest;

import java.time.Duration;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonParseException;

import dev.fluxsuite.image.ApiError;
import dev.fluxsuite.image.config.ImageConfig;
import dev.fluxsuite.image.service.ImageRequestException;
import dev.fluxsuite.image.service.ModelNotFoundException;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.MalformedResponseException;
import dev.fluxsuite.workersai.NoAccountsConfiguredException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UnknownModelException;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.WorkersAiException;
import dev.fluxsuite.workersai.config.CloudflareConfig;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;

/**
 * Turns every failure into {@code {"error": {"code", "message"}}} with its status, and {@code Retry-After} where
 * a wait is known. Messages never carry a token, and no stack trace reaches a client.
 */
public class ErrorMapper {

    private final Duration capacityCooldown;
    private final Duration breakerDelay;

    ErrorMapper(CloudflareConfig cloudflare, ImageConfig config) {
        this.capacityCooldown = cloudflare.pool().capacityCooldown();
        this.breakerDelay = config.breaker().delay();
    }

    @ServerExceptionMapper
    public Response invalidParameter(ImageRequestException e) {
        return error(400, "invalid_parameter", e.getMessage());
    }

    @ServerExceptionMapper
    public Response modelNotFound(ModelNotFoundException e) {
        return error(404, "model_not_found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(ResteasyReactiveViolationException e) {
        String message = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .collect(Collectors.joining("; "));
        return error(400, "invalid_request", message);
    }

    /** Named apart from its supertype because Quarkus has a built-in mapper for this one, which would win. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return mappingProblem(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
            return mappingProblem(mapping);
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return error(400, "invalid_json", "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response upstream(WorkersAiException e) {
        return switch (e) {
            case AccountsUnavailableException a -> retryLater(429, a.quotaExhausted() ? "daily_quota_exhausted" : "rate_limited",
                    a.getMessage(), a.retryAfter().orElse(capacityCooldown));
            case NoAccountsConfiguredException n -> error(503, "not_configured", n.getMessage());
            case CapacityExceededException c -> retryLater(429, "rate_limited", c.getMessage(),
                    c.retryAfter().orElse(capacityCooldown));
            case QuotaExhaustedException q -> retryLater(429, "daily_quota_exhausted", q.getMessage(),
                    q.retryAfter().orElse(capacityCooldown));
            case InvalidInputException i -> error(400, "upstream_rejected_input", i.getMessage());
            case UnknownModelException u -> error(502, "upstream_unknown_model", u.getMessage());
            case MalformedResponseException m -> error(502, "upstream_invalid_image", m.getMessage());
            case AuthenticationFailedException a -> error(502, "upstream_auth_failed",
                    "Cloudflare refused the account tokens; check CF_ACCOUNT_LIST. " + a.getMessage());
            case UpstreamServerException s -> error(502, "upstream_error", s.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        Log.warnf("Workers AI unreachable: %s", e.getMessage());
        return error(502, "upstream_unreachable", "Workers AI could not be reached");
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return error(504, "upstream_timeout", "Workers AI did not answer in time");
    }

    @ServerExceptionMapper
    public Response breakerOpen(CircuitBreakerOpenException e) {
        return retryLater(503, "model_unavailable", "This model failed repeatedly upstream and is paused; try again later "
                + "or use another model", breakerDelay);
    }

    @ServerExceptionMapper
    public Response full(BulkheadException e) {
        return retryLater(503, "overloaded", "This instance is generating as many images as it may; try again shortly",
                Duration.ofSeconds(1));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's own exception.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return error(status, code, status >= 500 ? "Internal error" : e.getMessage());
    }

    private static Response mappingProblem(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String message = field.isEmpty() ? "The body must be a JSON object"
                : "'" + field + "' has the wrong type: " + e.getOriginalMessage().split("\n")[0];
        return error(400, "invalid_json", message);
    }

    private static Response retryLater(int status, String code, String message, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return Response.status(status).header("Retry-After", seconds).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(code, message)).build();
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiError.of(code, message)).build();
    }
}

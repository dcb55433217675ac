package dev.fluxsuite.image.rest;

import static dev.fluxsuite.workersai.rest.ErrorResponses.error;
import static dev.fluxsuite.workersai.rest.ErrorResponses.retryLater;

import java.time.Duration;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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
import io.quarkus.logging.Log;

/**
 * Turns generation failures into {@code {"error": {"code", "message"}}} with their status, and {@code Retry-After}
 * where a wait is known. Bad requests in general are the library's {@code RequestErrorMapper}'s. Messages never
 * carry a token.
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
    public Response upstream(WorkersAiException e) {
        return switch (e) {
            case AccountsUnavailableException a ->
                retryLater(429, a.quotaExhausted() ? "daily_quota_exhausted" : "rate_limited",
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
}

package dev.fluxsuite.gateway.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The two error shapes of the public API: the seed's {@code {"error": "message", "code"}} under {@code /api}, and
 * OpenAI's {@code {"error": {"message", "type", "param", "code"}}} under {@code /v1}. Both carry
 * {@code Retry-After} when a wait is known, and {@code X-Should-Retry: false} when it is too long to wait in the call.
 */
public enum ErrorShape {
    SEED,
    OPENAI;

    /** The longest wait a client should spend inside one call before it retries. */
    private static final Duration RETRY_WITHIN_THE_CALL = Duration.ofMinutes(1);

    public static ErrorShape forPath(String path) {
        return path.startsWith("/v1/") || path.equals("/v1") ? OPENAI : SEED;
    }

    public Object body(Failure failure) {
        if (this == SEED) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", failure.message());
            body.put("code", failure.code());
            return body;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", failure.message());
        error.put("type", openAiType(failure));
        error.put("param", failure.param());
        error.put("code", openAiCode(failure));
        return Map.of("error", error);
    }

    public Response response(Failure failure) {
        Response.ResponseBuilder response = Response.status(failure.status()).type(MediaType.APPLICATION_JSON)
                .entity(body(failure));
        if (failure.retryAfter() != null) {
            response.header("Retry-After", seconds(failure));
            if (failure.retryAfter().compareTo(RETRY_WITHIN_THE_CALL) > 0) {
                // OpenAI's SDKs sleep for a Retry-After of any length before they retry; hours is no retry at all.
                response.header("X-Should-Retry", "false");
            }
        }
        if (failure.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private static long seconds(Failure failure) {
        return Math.max(1, failure.retryAfter().toSeconds() + (failure.retryAfter().toNanosPart() > 0 ? 1 : 0));
    }

    private static String openAiType(Failure failure) {
        return switch (failure.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> failure.code().equals("model_not_found") ? "invalid_request_error" : "not_found_error";
            case 429 -> "rate_limit_error";
            default -> failure.status() >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String openAiCode(Failure failure) {
        return switch (failure.code()) {
            case "rate_limited" -> "rate_limit_exceeded";
            case "daily_quota_exhausted" -> "insufficient_quota";
            default -> failure.code();
        };
    }
}

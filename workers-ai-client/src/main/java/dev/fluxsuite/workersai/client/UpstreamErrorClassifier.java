package dev.fluxsuite.workersai.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UnknownModelException;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.WorkersAiException;

/**
 * Turns an error answer into a typed exception from its status, Cloudflare's error code
 * ({@code errors[0].code}) and {@code Retry-After}. The codes are Cloudflare's documented ones plus 4006,
 * which is what daily-allocation exhaustion carries in practice; answers of other AI APIs (OpenAI's shape)
 * carry no such code and are classified by their status alone.
 */
public final class UpstreamErrorClassifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<Integer> DAILY_QUOTA = Set.of(3036, 4006);
    private static final Set<Integer> UNKNOWN_MODEL = Set.of(5007, 3042);
    private static final int MAX_MESSAGE = 300;

    private UpstreamErrorClassifier() {
    }

    /** @param upstream the upstream's name, which starts the exception's message */
    public static WorkersAiException classify(String upstream, Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return classify(upstream, response.getStatus(), response.getHeaderString("Retry-After"), body);
    }

    static WorkersAiException classify(String upstream, int status, String retryAfterHeader, String body) {
        Integer code = null;
        String upstreamMessage = null;
        try {
            JsonNode root = MAPPER.readTree(body == null ? "" : body);
            // Cloudflare: {"errors":[{"code","message"}]}; OpenAI-compatible APIs: {"error":{"message","code"}}.
            JsonNode first = root.has("errors") ? root.path("errors").path(0) : root.path("error");
            if (first.path("code").canConvertToInt()) {
                code = first.path("code").asInt();
            }
            upstreamMessage = first.path("message").isTextual() ? first.path("message").asText() : null;
        } catch (Exception notJson) {
            // A proxy's HTML page or an empty body: the status alone decides.
        }
        Duration retryAfter = parseRetryAfter(retryAfterHeader);
        String message = upstream + " answered " + status + describe(code, upstreamMessage);
        boolean dailyQuota = (code != null && DAILY_QUOTA.contains(code))
                || (upstreamMessage != null && upstreamMessage.toLowerCase(Locale.ROOT).contains("daily free allocation"));

        if (dailyQuota) {
            return new QuotaExhaustedException(message, status, code, retryAfter);
        }
        if (status == 429) {
            return new CapacityExceededException(message, status, code, retryAfter);
        }
        if ((code != null && UNKNOWN_MODEL.contains(code)) || status == 404) {
            return new UnknownModelException(message, status, code, null);
        }
        if (status == 401 || status == 403) {
            return new AuthenticationFailedException(message, status, code, null);
        }
        if (status == 408 || status >= 500) {
            return new UpstreamServerException(message, status, code, retryAfter);
        }
        return new InvalidInputException(message, status, code, null);
    }

    private static String describe(Integer code, String upstreamMessage) {
        if (code == null && upstreamMessage == null) {
            return "";
        }
        String text = (code == null ? "" : code + ": ") + (upstreamMessage == null ? "" : upstreamMessage.strip());
        return " (" + (text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text) + ")";
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; anything else is ignored. */
    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}

package dev.fluxsuite.gateway.client;

import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An error answer of translation-service or image-service, with the {@code {"error": {"code", "message"}}} they
 * send, kept so that the gateway can relay it in the shape of the API the client called.
 */
public class DownstreamException extends RuntimeException {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public DownstreamException(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static DownstreamException from(String service, Response response) {
        return from(service, response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                response.getHeaderString("Retry-After"));
    }

    static DownstreamException from(String service, int status, String body, String retryAfterHeader) {
        String code = "downstream_error";
        String message = service + " answered " + status;
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            code = error.path("code").asText(code);
            message = error.path("message").asText(message);
        } catch (Exception notJson) {
            // A proxy's page or an empty body: the status says enough.
        }
        Duration retryAfter = null;
        if (retryAfterHeader != null && retryAfterHeader.strip().matches("\\d{1,9}")) {
            retryAfter = Duration.ofSeconds(Long.parseLong(retryAfterHeader.strip()));
        }
        return new DownstreamException(status, code, message, retryAfter);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

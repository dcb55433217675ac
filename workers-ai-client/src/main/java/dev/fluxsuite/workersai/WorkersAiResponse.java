package dev.fluxsuite.workersai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful Workers AI answer as it came: its media type, its bytes, and the parsed envelope
 * ({@code {"result", "success", "errors", "messages"}}) when it was JSON.
 */
public record WorkersAiResponse(String mediaType, byte[] body, JsonNode envelope) {

    public boolean isJson() {
        return envelope != null;
    }

    /**
     * The envelope's {@code result}.
     *
     * @throws MalformedResponseException when the answer is not a successful JSON envelope with a result
     */
    public JsonNode result() {
        if (envelope == null) {
            throw new MalformedResponseException("Workers AI answered " + mediaType + " where a JSON envelope was expected",
                    502, null, null);
        }
        if (envelope.path("success").isBoolean() && !envelope.path("success").asBoolean()) {
            throw new MalformedResponseException("Workers AI answered 2xx with success=false", 502, null, null);
        }
        JsonNode result = envelope.get("result");
        if (result == null || result.isNull()) {
            throw new MalformedResponseException("Workers AI answered a JSON envelope without a result", 502, null, null);
        }
        return result;
    }
}

package dev.fluxsuite.workersai;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A successful Workers AI answer as it came: its media type and its bytes. The JSON envelope
 * ({@code {"result", "success", "errors", "messages"}}) is parsed only when a decoder asks for it, so that an
 * image answer can be read straight from the bytes instead of through a tree holding a megabyte of base64.
 */
public final class WorkersAiResponse {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String mediaType;
    private final byte[] body;
    private JsonNode envelope;

    public WorkersAiResponse(String mediaType, byte[] body) {
        this.mediaType = mediaType;
        this.body = body;
    }

    public String mediaType() {
        return mediaType;
    }

    public byte[] body() {
        return body;
    }

    public boolean isJson() {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /**
     * The envelope's {@code result}.
     *
     * @throws MalformedResponseException when the answer is not a successful JSON envelope with a result
     */
    public JsonNode result() {
        JsonNode envelope = envelope();
        if (envelope.path("success").isBoolean() && !envelope.path("success").asBoolean()) {
            throw new MalformedResponseException("Workers AI answered 2xx with success=false", 502, null, null);
        }
        JsonNode result = envelope.get("result");
        if (result == null || result.isNull()) {
            throw new MalformedResponseException("Workers AI answered a JSON envelope without a result", 502, null, null);
        }
        return result;
    }

    private JsonNode envelope() {
        if (!isJson()) {
            throw new MalformedResponseException("Workers AI answered " + mediaType + " where a JSON envelope was expected",
                    502, null, null);
        }
        if (envelope == null) {
            try {
                envelope = MAPPER.readTree(body);
            } catch (IOException e) {
                throw new MalformedResponseException("Workers AI answered " + mediaType + " that is not valid JSON",
                        502, null, null);
            }
        }
        return envelope;
    }
}

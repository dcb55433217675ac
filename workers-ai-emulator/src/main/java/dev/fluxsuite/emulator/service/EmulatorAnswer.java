package dev.fluxsuite.emulator.service;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One answer of the emulated API: status, media type and bytes, as Workers AI would send them. */
public record EmulatorAnswer(int status, String mediaType, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code {"result": …, "success": true, "errors": [], "messages": []}}. */
    public static EmulatorAnswer success(JsonNode result) {
        return envelope(200, result, true, MAPPER.createArrayNode());
    }

    /** {@code {"result": null, "success": false, "errors": [{"code", "message"}], "messages": []}}. */
    public static EmulatorAnswer error(int status, int code, String message) {
        var errors = MAPPER.createArrayNode();
        errors.addObject().put("code", code).put("message", message);
        return envelope(status, null, false, errors);
    }

    public static EmulatorAnswer raw(String mediaType, byte[] body) {
        return new EmulatorAnswer(200, mediaType, body);
    }

    public static EmulatorAnswer text(String mediaType, String body) {
        return new EmulatorAnswer(200, mediaType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static EmulatorAnswer envelope(int status, JsonNode result, boolean success, JsonNode errors) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set("result", result);
        envelope.put("success", success);
        envelope.set("errors", errors);
        envelope.set("messages", MAPPER.createArrayNode());
        try {
            return new EmulatorAnswer(status, "application/json", MAPPER.writeValueAsBytes(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

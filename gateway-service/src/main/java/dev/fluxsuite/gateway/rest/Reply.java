package dev.fluxsuite.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.resteasy.reactive.RestMulti;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * An answer whose status and headers are known only after some work, and whose body is one JSON document or a
 * stream of server-sent events, for the endpoints where the client's {@code stream} flag picks the form.
 */
public record Reply(int status, Map<String, List<String>> headers, Multi<byte[]> body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The answer of an endpoint whose form the request picks; a failure becomes an error in the API's shape. */
    public static RestMulti<byte[]> send(Uni<Reply> reply, ErrorShape shape) {
        return RestMulti.fromUniResponse(reply.onFailure().recoverWithItem(failure -> shape.reply(Failure.of(failure))),
                Reply::body, Reply::headers, Reply::status);
    }

    public static Reply json(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return new Reply(status, headers, Multi.createFrom().item(bytes(body)));
    }

    public static Reply events(Multi<String> events) {
        return new Reply(200, Map.of("Content-Type", List.of("text/event-stream"), "Cache-Control", List.of("no-cache"),
                "X-Accel-Buffering", List.of("no")), events.map(event -> event.getBytes(StandardCharsets.UTF_8)));
    }

    /** One server-sent event: an optional name, then {@code data: <json>} and a blank line. */
    public static String event(String name, Object data) {
        return (name == null ? "" : "event: " + name + "\n") + "data: " + (data instanceof String text ? text : write(data))
                + "\n\n";
    }

    static String write(Object body) {
        return new String(bytes(body), StandardCharsets.UTF_8);
    }

    /** JSON as UTF-8 bytes, written in one pass: an image answer holds a megabyte of base64. */
    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

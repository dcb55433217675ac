package dev.fluxsuite.gateway.rest;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Answers whose status and headers are known only after some work, and whose body is one JSON document or a stream
 * of server-sent events: for the endpoints where the client's {@code stream} flag picks the form.
 */
public final class Reply {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Reply() {
    }

    /** The answer of an endpoint whose form the request picks; a failure becomes an error in the API's shape. */
    public static Uni<Response> send(Uni<Response> reply, ErrorShape shape) {
        return reply.onFailure().recoverWithItem(failure -> shape.response(Failure.of(failure)));
    }

    /** A JSON answer of a few KiB, see {@link JsonAnswerWriter}. */
    public static Response json(Object body) {
        return json(body, 4096);
    }

    /** A JSON answer of about {@code expectedSize} bytes, see {@link JsonAnswerWriter}. */
    public static Response json(Object body, int expectedSize) {
        return Response.ok(new JsonAnswer(body, expectedSize), MediaType.APPLICATION_JSON).build();
    }

    public static Response events(Multi<String> events) {
        return Response.ok(new EventStream(events), "text/event-stream").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    /** One server-sent event: an optional name, then {@code data: <json>} and a blank line. */
    public static String event(String name, Object data) {
        return (name == null ? "" : "event: " + name + "\n") + "data: " + (data instanceof String text ? text : write(data))
                + "\n\n";
    }

    /** Through bytes rather than a writer: an image in the body is then written as base64 in slices. */
    static String write(Object body) {
        try {
            return new String(MAPPER.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

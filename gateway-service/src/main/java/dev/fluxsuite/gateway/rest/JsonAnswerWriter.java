package dev.fluxsuite.gateway.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.quarkus.logging.Log;
import io.quarkus.vertx.utils.NoBoundChecksBuffer;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a {@link JsonAnswer} with Jackson into a pooled direct buffer, which is then sent as it is, with its length.
 * Written to an array first, as RESTEasy does with other entities, an image answer of some 400 KB would be built in
 * pieces, joined into an array and copied once more into such a buffer: a megabyte of garbage per answer, which
 * under load the collector had to move.
 */
@Provider
public class JsonAnswerWriter implements ServerMessageBodyWriter<JsonAnswer> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return JsonAnswer.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(JsonAnswer answer, Type genericType, ServerRequestContext context) {
        HttpServerResponse response = ((ResteasyReactiveRequestContext) context).serverRequest()
                .unwrap(HttpServerResponse.class);
        if (response.closed()) {
            // The client left while its answer was being made: nobody would read it, and the images in it went back
            // to their blocks when the connection closed (see ImageBuffers).
            return;
        }
        ByteBuf buffer = VertxByteBufAllocator.POOLED_ALLOCATOR.directBuffer(answer.expectedSize());
        try {
            try (OutputStream out = new ByteBufOutputStream(buffer)) {
                Reply.MAPPER.writeValue(out, answer.body());
            }
        } catch (IOException | RuntimeException e) {
            buffer.release();
            if (response.closed()) {
                // Closed while the answer was written, from another thread: an image read then may be gone already.
                Log.debugf("Answer dropped, its client left: %s", e.getMessage());
                return;
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        // Vert.x releases the buffer once it is written.
        response.end(new NoBoundChecksBuffer(buffer));
    }

    /** Only reached with a writer interceptor, which the gateway does not have. */
    @Override
    public void writeTo(JsonAnswer answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        Reply.MAPPER.writeValue(entityStream, answer.body());
    }
}

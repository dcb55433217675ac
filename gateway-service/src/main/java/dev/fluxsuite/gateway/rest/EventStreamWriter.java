package dev.fluxsuite.gateway.rest;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Sends an {@link EventStream}: each event as soon as it is emitted, the end when the stream completes. A client that
 * leaves cancels the stream, and with it the generation behind it.
 */
@Provider
public class EventStreamWriter implements ServerMessageBodyWriter<EventStream> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return EventStream.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return EventStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(EventStream stream, Type genericType, ServerRequestContext context) {
        ServerHttpResponse out = context.serverResponse();
        out.setChunked(true);
        Cancellable subscription = stream.events().subscribe().with(
                event -> out.write(event.getBytes(StandardCharsets.UTF_8), failure -> {
                    if (failure != null) {
                        Log.debugf("An event could not be sent: %s", failure.getMessage());
                    }
                }),
                failure -> {
                    Log.warnf("The event stream failed: %s", failure.getMessage());
                    out.reset();
                },
                out::end);
        out.addCloseHandler(subscription::cancel);
    }

    /** Only reached with a writer interceptor, which the gateway does not have: events are sent as they come. */
    @Override
    public void writeTo(EventStream stream, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        throw new IllegalStateException("an event stream cannot be written through an interceptor");
    }
}

package dev.fluxsuite.image.rest;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import dev.fluxsuite.workersai.ImageStream;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * Sends an image while it still arrives from Workers AI, in pieces of about 16 KiB, at the pace the caller reads:
 * when the caller's connection is full the upstream is paused. The status and headers go first, so a failure after
 * them cannot become an error answer: the connection is then reset, which the caller sees as a broken answer rather
 * than a truncated image. A caller that leaves stops the upstream read.
 */
@Provider
public class ImageStreamWriter implements ServerMessageBodyWriter<ImageStream> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return ImageStream.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ImageStream.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(ImageStream image, Type genericType, ServerRequestContext context) {
        ServerHttpResponse out = context.serverResponse();
        Optional<ReadStream<Buffer>> rest = image.takeRest();
        if (rest.isEmpty()) {
            out.end(image.head().getBytes());
            return;
        }
        ReadStream<Buffer> source = rest.get();
        // Vert.x's own response takes the pieces as they are; the SPI's takes arrays, a copy of each.
        HttpServerResponse sink = ((ResteasyReactiveRequestContext) context).serverRequest()
                .unwrap(HttpServerResponse.class);
        out.setChunked(true);
        out.addCloseHandler(image::cancel);
        // Each piece goes back to the decoder's blocks once written (see ImageStream.written).
        Function<Buffer, Handler<AsyncResult<Void>>> written = piece -> result -> {
            ImageStream.written(piece);
            if (result.failed()) {
                image.cancel();
            }
        };
        source.exceptionHandler(failure -> {
            Log.warnf("The image broke off while it was sent: %s", failure.getMessage());
            out.reset();
        });
        source.endHandler(end -> out.end());
        source.handler(chunk -> {
            sink.write(chunk, written.apply(chunk));
            if (sink.writeQueueFull()) {
                source.pause();
                sink.drainHandler(drained -> source.resume());
            }
        });
        sink.write(image.head(), written.apply(image.head()));
        source.resume();
    }

    /** Only reached with a writer interceptor, which this service does not have: the image is sent as it comes. */
    @Override
    public void writeTo(ImageStream image, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        image.cancel();
        throw new IllegalStateException("an image stream cannot be written through an interceptor");
    }
}

package dev.fluxsuite.gateway.rest;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerHttpResponse;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import dev.fluxsuite.gateway.client.StreamedImage;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Sends an {@link ImageAnswer}: the document, then the image in base64 as it arrives from image-service, chunk by
 * chunk, at the pace the client reads (image-service is paused while the client's connection is full). The status
 * and headers go first, so a failure after them cannot become an error answer: the connection is then reset, which
 * the client sees as a broken answer rather than a truncated image. A client that leaves stops the image.
 */
@Provider
public class ImageAnswerWriter implements ServerMessageBodyWriter<ImageAnswer> {

    private static final byte[] CLOSING = "\"}".getBytes(StandardCharsets.US_ASCII);

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return ImageAnswer.class.isAssignableFrom(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ImageAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(ImageAnswer answer, Type genericType, ServerRequestContext context) {
        ServerHttpResponse out = context.serverResponse();
        StreamedImage image = answer.image();
        ReadStream<Buffer> source = image.body();
        Base64Chunks base64 = new Base64Chunks();
        Consumer<Throwable> written = failure -> {
            if (failure != null) {
                image.cancel().run();
            }
        };
        out.setChunked(true);
        out.addCloseHandler(image.cancel());
        source.exceptionHandler(failure -> {
            Log.warnf("The image broke off while it was sent: %s", failure.getMessage());
            out.reset();
        });
        source.endHandler(end -> out.end(base64.finish(CLOSING)));
        source.handler(chunk -> {
            out.write(base64.next(chunk), written);
            if (out.isWriteQueueFull()) {
                source.pause();
                out.addDrainHandler(source::resume);
            }
        });
        out.write(answer.prefix(), written);
        source.resume();
    }

    /** Only reached with a writer interceptor, which the gateway does not have: the image is sent as it comes. */
    @Override
    public void writeTo(ImageAnswer answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) {
        answer.image().cancel().run();
        throw new IllegalStateException("an image answer cannot be written through an interceptor");
    }

    /**
     * Base64 of bytes that come in chunks: each chunk's whole groups of three at once, with the JDK's vectorized
     * encoder, and the one or two bytes left over in front of the next chunk.
     */
    static final class Base64Chunks {

        private static final Base64.Encoder ENCODER = Base64.getEncoder();

        private byte[] pending = new byte[0];
        private int pendingLength;

        byte[] next(Buffer chunk) {
            int length = pendingLength + chunk.length();
            if (length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(length, pending.length * 2));
            }
            chunk.getBytes(pending, pendingLength);
            int whole = length - length % 3;
            byte[] encoded = encode(whole);
            System.arraycopy(pending, whole, pending, 0, length - whole);
            pendingLength = length - whole;
            return encoded;
        }

        /** What is left, padded, then {@code suffix}. */
        byte[] finish(byte[] suffix) {
            byte[] last = encode(pendingLength);
            byte[] end = Arrays.copyOf(last, last.length + suffix.length);
            System.arraycopy(suffix, 0, end, last.length, suffix.length);
            pendingLength = 0;
            return end;
        }

        private byte[] encode(int length) {
            ByteBuffer encoded = ENCODER.encode(ByteBuffer.wrap(pending, 0, length));
            return encoded.array().length == encoded.remaining() ? encoded.array()
                    : Arrays.copyOfRange(encoded.array(), encoded.arrayOffset(), encoded.arrayOffset() + encoded.remaining());
        }
    }
}

package dev.fluxsuite.gateway.client;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An image from image-service as it arrives, with what its headers said about it. The body is paused and holds a
 * connection: whoever takes it reads it to its end or cancels it. A failure while it is read reaches the body's
 * exception handler; what was read until then is not a whole image.
 */
public record StreamedImage(String contentType, String model, String upstreamModel, int attempts, long seed, String size,
        ReadStream<Buffer> body, Runnable cancel) implements ImageFacts {

    /** The whole image, for the answers that carry it more than once or keep it. */
    public Uni<RenderedImage> whole() {
        return Uni.createFrom().<byte[]>emitter(emitter -> {
            Buffer whole = Buffer.buffer(64 * 1024);
            body.exceptionHandler(emitter::fail);
            body.endHandler(end -> emitter.complete(whole.getBytes()));
            body.handler(whole::appendBuffer);
            body.resume();
        }).onCancellation().invoke(cancel)
                .map(bytes -> new RenderedImage(bytes, contentType, model, upstreamModel, attempts, seed, size));
    }
}

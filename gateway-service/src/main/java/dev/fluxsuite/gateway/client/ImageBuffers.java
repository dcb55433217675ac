package dev.fluxsuite.gateway.client;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import dev.fluxsuite.io.LoopHttpClients;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.quarkus.arc.Arc;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The images being read from image-service, each made of the pieces its answer arrived in, as they are: views of
 * the blocks the connection read into, kept for reuse ({@link LoopHttpClients#keep}). Gathered into one buffer, every
 * image was copied once more: 7 % of the gateway's CPU samples under load. Each image is released when the answer of
 * the request that asked for it has ended, which covers every path at once: an answer written, a failure, one of
 * several images failing, a client that left.
 * <p>
 * The blocks are outside the heap, so the collector never copies them, however long an image waits for its answer
 * under load; in fresh arrays, that wait was what it spent its time copying. A block is only ever read by the request
 * it was handed to, on its event loop, until its answer ends, where it is released.
 */
final class ImageBuffers {

    /** Pieces per image at most: an image of some 300 KiB arrives in a dozen. */
    private static final int MAX_PIECES = 4096;

    private ImageBuffers() {
    }

    /** An empty image, to be gathered with {@link #add}; {@code released} runs once it is released. */
    static CompositeByteBuf gather(Runnable released) {
        return new Image(released);
    }

    /** Adds the next piece of {@code image}, which holds it from now on. */
    static void add(CompositeByteBuf image, Buffer piece) {
        image.addComponent(true, LoopHttpClients.keep(piece));
    }

    /** The request being answered on this thread, if any: where the images it asks for are to be released. */
    static RoutingContext caller() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        return request == null ? null : request.serverRequest().unwrap(RoutingContext.class);
    }

    /**
     * Hands {@code image} to the request, read-only: it stays valid until that request's answer has ended, then is
     * released. With no request, or one whose answer has already ended, it is copied into an array of its own and
     * released now.
     */
    static ByteBuf keepFor(RoutingContext caller, ByteBuf image) {
        HttpServerResponse answer = caller == null ? null : caller.response();
        if (answer == null || answer.ended() || answer.closed()) {
            try {
                return Unpooled.wrappedBuffer(ByteBufUtil.getBytes(image)).asReadOnly();
            } finally {
                image.release();
            }
        }
        caller.addEndHandler(end -> image.release());
        return image.asReadOnly();
    }

    /** An image that says when it is released, so that the next one may be read ({@link ImageBudget}). */
    private static final class Image extends CompositeByteBuf {

        private final Runnable released;

        Image(Runnable released) {
            super(UnpooledByteBufAllocator.DEFAULT, false, MAX_PIECES);
            this.released = released;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            released.run();
        }
    }
}

package dev.fluxsuite.gateway.client;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.quarkus.arc.Arc;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The buffers images are gathered in, each released when the answer of the request that asked for it has ended.
 * Under load an image waits hundreds of milliseconds between its first piece and its answer: in fresh arrays, that is
 * what the collector spends its time copying, and the JDK's direct buffers are freed only by a full collection.
 * Tying the release to the request's end covers every path at once: an answer written, a failure, one of several
 * images failing, a client that left.
 * <p>
 * A released buffer's array of {@value #BLOCK} bytes is kept for the next image, up to {@value #KEPT} of them: they stay
 * in the old generation, where a young collection does not copy them. Netty's pools were tried first: they free a
 * chunk whenever it empties, and under load the gateway allocated a new one of 4 MiB every few milliseconds. An array
 * is only ever read by the request it was handed to, until its answer ends; a client that leaves while its answer is
 * written can make that read stale, into an answer nobody receives, never into memory that is gone.
 */
final class ImageBuffers {

    /** Most images fit in one block; a larger one grows into arrays of its own. */
    static final int BLOCK = 256 * 1024;
    /** At most 64 MiB kept: the images in flight at a thousand requests a second, and a collection's pause. */
    private static final int KEPT = 256;
    private static final BlockingQueue<byte[]> FREE = new ArrayBlockingQueue<>(KEPT);
    private static final AtomicLong LIVE = new AtomicLong();

    private ImageBuffers() {
    }

    static ByteBuf allocate() {
        return new Gathered();
    }

    /** The buffers handed out and not yet released. */
    static long live() {
        return LIVE.get();
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
     * Hands {@code image} to the request: it stays valid until that request's answer has ended, then goes back to the
     * pool. With no request, or one whose answer has already ended, it is copied into an array of its own and released
     * now.
     */
    static ByteBuffer keepFor(RoutingContext caller, ByteBuf image) {
        HttpServerResponse answer = caller == null ? null : caller.response();
        if (answer == null || answer.ended() || answer.closed()) {
            try {
                return ByteBuffer.wrap(ByteBufUtil.getBytes(image)).asReadOnlyBuffer();
            } finally {
                image.release();
            }
        }
        caller.addEndHandler(end -> image.release());
        return image.nioBuffer().asReadOnlyBuffer();
    }

    /** A heap buffer whose block comes from, and goes back to, the ones kept. */
    private static final class Gathered extends UnpooledHeapByteBuf {

        Gathered() {
            super(UnpooledByteBufAllocator.DEFAULT, BLOCK, Integer.MAX_VALUE);
            LIVE.incrementAndGet();
        }

        @Override
        protected byte[] allocateArray(int capacity) {
            byte[] kept = capacity == BLOCK ? FREE.poll() : null;
            return kept != null ? kept : new byte[capacity];
        }

        @Override
        protected void freeArray(byte[] array) {
            if (array.length == BLOCK) {
                FREE.offer(array);
            }
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            LIVE.decrementAndGet();
        }
    }
}

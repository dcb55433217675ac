package dev.fluxsuite.gateway.client;

import java.nio.ByteBuffer;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

import dev.fluxsuite.io.KeptBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
 * The blocks are kept for the next images ({@link KeptBlocks}): they stay in the old generation, where a young
 * collection does not copy them. Netty's pools were tried first: they free a chunk whenever it empties, and under
 * load the gateway allocated a new one of 4 MiB every few milliseconds. A block is only ever read by the request it
 * was handed to, until its answer ends; a client that leaves while its answer is written can make that read stale,
 * into an answer nobody receives, never into memory that is gone.
 */
final class ImageBuffers {

    /**
     * Most images fit in one block of 256 KiB; a larger one grows into arrays of its own. At most 64 MiB are kept: the
     * images in flight at a thousand requests a second, and a collection's pause.
     */
    private static final KeptBlocks BLOCKS = new KeptBlocks(256 * 1024, 256);

    private ImageBuffers() {
    }

    static ByteBuf allocate() {
        return BLOCKS.allocate();
    }

    /** The buffers handed out and not yet released. */
    static long live() {
        return BLOCKS.live();
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
     * Hands {@code image} to the request: it stays valid until that request's answer has ended, then goes back to
     * the blocks. With no request, or one whose answer has already ended, it is copied into an array of its own and
     * released now.
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
}

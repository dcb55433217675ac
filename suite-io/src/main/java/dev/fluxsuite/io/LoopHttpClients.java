package dev.fluxsuite.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.EventLoop;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One Vert.x HTTP client per event loop, each used only from its loop, so that a call's connection lives on the loop
 * of the request that makes it. With one client for every loop, a request often gets a connection opened by another
 * loop, and then each write and each piece of the answer crosses between threads: a task queued, the other loop woken.
 * Measured under load, sharing cost image-service a sixth of its CPU per image, much of it in the kernel. Callers
 * outside an event loop share one more client. The pool's bound applies to each client.
 * <p>
 * Answers are read into kept blocks outside the heap ({@link KeptBlocks#reading}, {@link KeptBlocks#direct}): Vert.x
 * copies every piece read into Netty's pools to a fresh heap array, which for images was most of what the services
 * allocated. The pieces of an answer come as views of those blocks; a reader that has copied or written a piece gives
 * it back with {@link #consumed}.
 */
public final class LoopHttpClients {

    /** A socket read takes at most this. */
    private static final int READ_SIZE = 64 * 1024;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient outsideLoops;
    private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();
    private final KeptBlocks reads;

    /**
     * @param keptReads how many 64 KiB read blocks are kept for reuse at most, once given back: those that a burst
     *        of answers has in hand at once. Kept blocks stay in memory for good, so a reader that gives each piece
     *        back as soon as it is read needs few; one that holds answers for a while ({@link #keep}) needs as many as
     *        it holds at once under load.
     */
    public LoopHttpClients(Vertx vertx, HttpClientOptions options, PoolOptions pool, int keptReads) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.reads = KeptBlocks.direct(READ_SIZE, keptReads);
        this.outsideLoops = client();
    }

    private HttpClient client() {
        return vertx.httpClientBuilder().with(options).with(pool).withConnectHandler(this::readIntoBlocks).build();
    }

    private void readIntoBlocks(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelConfig channel = base.channel().config();
            channel.setAllocator(reads.reading(channel.getAllocator()));
        }
    }

    /** The blocks its answers are read into. */
    KeptBlocks reads() {
        return reads;
    }

    /**
     * Gives back the block under a piece that nothing reads any more (copied, or written out): a piece of an answer,
     * or of any other {@link KeptBlocks}. A piece of another kind, or never given back, is left to the collector.
     */
    public static void consumed(Buffer piece) {
        if (piece instanceof BufferImpl buffer) {
            KeptBlocks.giveBack(buffer.byteBuf());
        }
    }

    /**
     * The bytes of {@code piece} for a reader that keeps them past the handler, instead of copying them and giving the
     * piece back ({@link #consumed}): the view of its block, which the reader now holds and releases once done with it
     * (its block then goes back), or a copy for a piece of another kind.
     */
    public static ByteBuf keep(Buffer piece) {
        if (piece instanceof BufferImpl buffer && KeptBlocks.isKept(buffer.byteBuf())) {
            return buffer.byteBuf();
        }
        return Unpooled.wrappedBuffer(piece.getBytes());
    }

    /**
     * The whole body of an answer, as Vert.x's {@code body()} reads it, but with each piece given back once copied
     * ({@link #consumed}).
     */
    public static Future<Buffer> body(HttpClientResponse response) {
        Promise<Buffer> whole = Promise.promise();
        Buffer body = Buffer.buffer();
        response.exceptionHandler(whole::tryFail);
        response.handler(piece -> {
            body.appendBuffer(piece);
            consumed(piece);
        });
        response.endHandler(end -> whole.tryComplete(body));
        return whole.future();
    }

    /** The client of the calling thread's event loop. */
    public HttpClient current() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
            return byLoop.computeIfAbsent(internal.nettyEventLoop(), loop -> client());
        }
        return outsideLoops;
    }

    /**
     * Sends {@code body} on the calling loop's client, when the returned call is subscribed, and hands the answer's
     * head to {@code reader}. Until the reader says the answer is settled, a caller that leaves (a timeout, a
     * cancellation) or a failure resets the request: the connection goes rather than carry an answer nobody reads.
     * Once settled (read to its end, or handed over to a reader that cancels it itself), the connection may already
     * serve another call, which a reset would break.
     */
    public <T> Uni<T> call(RequestOptions request, Buffer body, Reader<T> reader) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            AtomicBoolean over = new AtomicBoolean();
            AtomicBoolean settled = new AtomicBoolean();
            emitter.onTermination(() -> {
                over.set(true);
                HttpClientRequest open = sent.get();
                if (open != null && !settled.get()) {
                    open.reset();
                }
            });
            current().request(request).onSuccess(open -> {
                sent.set(open);
                if (over.get()) {
                    open.reset();
                    return;
                }
                open.send(body).onSuccess(response -> reader.read(open, response, emitter, () -> settled.set(true)))
                        .onFailure(emitter::fail);
            }).onFailure(emitter::fail);
        });
    }

    /** Reads an answer into its call. */
    @FunctionalInterface
    public interface Reader<T> {

        /**
         * @param settle to run once the answer is read to its end, or handed to something that cancels it itself;
         *        before the emitter completes or fails with that answer
         */
        void read(HttpClientRequest request, HttpClientResponse response, UniEmitter<? super T> emitter,
                Runnable settle);
    }
}

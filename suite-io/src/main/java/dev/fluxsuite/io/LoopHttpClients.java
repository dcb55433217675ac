package dev.fluxsuite.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoop;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;

/**
 * One Vert.x HTTP client per event loop, each used only from its loop, so that a call's connection lives on the loop
 * of the request that makes it. With one client for every loop, a request often gets a connection opened by another
 * loop, and then each write and each piece of the answer crosses between threads: a task queued, the other loop woken.
 * Measured under load, sharing cost image-service a sixth of its CPU per image, much of it in the kernel. Callers
 * outside an event loop share one more client. The pool's bound applies to each client.
 */
public final class LoopHttpClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient outsideLoops;
    private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

    public LoopHttpClients(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.outsideLoops = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling thread's event loop. */
    public HttpClient current() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && context.isEventLoopContext()) {
            return byLoop.computeIfAbsent(internal.nettyEventLoop(), loop -> vertx.createHttpClient(options, pool));
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

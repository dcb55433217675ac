package dev.fluxsuite.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
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
}

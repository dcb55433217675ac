package dev.fluxsuite.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

class LoopHttpClientsTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final LoopHttpClients clients = new LoopHttpClients(vertx, new HttpClientOptions(), new PoolOptions());

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void eachEventLoopHasAClientOfItsOwn() throws Exception {
        // New contexts go to the event loops in turn: two in a row are on different loops.
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        ContextInternal second = ((VertxInternal) vertx).createEventLoopContext();
        assertThat(first.nettyEventLoop()).isNotSameAs(second.nettyEventLoop());

        HttpClient onFirst = currentOn(first);

        assertThat(currentOn(first)).isSameAs(onFirst);
        assertThat(currentOn(second)).isNotSameAs(onFirst);
    }

    @Test
    void callersOutsideEventLoopsShareOneClient() throws Exception {
        HttpClient outside = clients.current();

        assertThat(clients.current()).isSameAs(outside);
        assertThat(currentOn(((VertxInternal) vertx).createEventLoopContext())).isNotSameAs(outside);
    }

    private HttpClient currentOn(Context context) throws Exception {
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(ignored -> client.complete(clients.current()));
        return client.get(5, TimeUnit.SECONDS);
    }
}

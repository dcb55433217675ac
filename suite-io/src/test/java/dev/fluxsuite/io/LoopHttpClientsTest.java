package dev.fluxsuite.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

class LoopHttpClientsTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final LoopHttpClients clients = new LoopHttpClients(vertx, new HttpClientOptions(), new PoolOptions(), 16);

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

    @Test
    void aCallerThatLeavesBeforeTheAnswerIsSettledResetsTheRequest() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        int port = server(request -> {
            request.connection().closeHandler(ignored -> closed.complete(null));
            request.response().setChunked(true).write("a head, and a body that never ends");
        });
        CompletableFuture<Void> answered = new CompletableFuture<>();

        Cancellable call = clients.<String> call(get(port), Buffer.buffer(), (request, response, emitter, settle) -> {
            answered.complete(null);
        }).subscribe().with(item -> {
        });
        answered.get(5, TimeUnit.SECONDS);
        call.cancel();

        closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSettledAnswerLeavesItsConnectionOpen() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        int port = server(request -> {
            request.connection().closeHandler(ignored -> closed.incrementAndGet());
            request.response().end("whole");
        });
        LoopHttpClients.Reader<String> reader = (request, response, emitter, settle) -> response.body()
                .onSuccess(body -> {
                    settle.run();
                    emitter.complete(body.toString());
                }).onFailure(emitter::fail);

        for (int i = 0; i < 3; i++) {
            assertThat(clients.call(get(port), Buffer.buffer(), reader).await().atMost(Duration.ofSeconds(5)))
                    .isEqualTo("whole");
        }
        Thread.sleep(200);

        // A reset would have closed the connection; a settled one stays for the next call.
        assertThat(closed).hasValue(0);
    }

    @Test
    void readsAnswersIntoKeptBlocksThatItsPiecesGiveBack() throws Exception {
        byte[] body = randomBytes(1_000_000, 5);
        long before = clients.reads().live();
        List<Boolean> inBlocks = new ArrayList<>();
        Buffer whole = Buffer.buffer(body.length);

        Buffer read = readPieces(body, piece -> {
            inBlocks.add(clients.reads().owns(((BufferImpl) piece).byteBuf()));
            whole.appendBuffer(piece);
            LoopHttpClients.consumed(piece);
        }, () -> whole);

        assertThat(read.getBytes()).isEqualTo(body);
        // Each piece is a view of a block, not a copy, and every block went back once its piece was read.
        assertThat(inBlocks).isNotEmpty().containsOnly(true);
        assertThat(clients.reads().live()).isEqualTo(before);
    }

    @Test
    void readsAWholeBodyAndGivesEveryPieceBack() throws Exception {
        byte[] body = randomBytes(300_000, 6);
        int port = serving(body);
        long before = clients.reads().live();
        LoopHttpClients.Reader<Buffer> reader = (request, response, emitter, settle) -> LoopHttpClients.body(response)
                .onSuccess(whole -> {
                    settle.run();
                    emitter.complete(whole);
                }).onFailure(emitter::fail);

        Buffer read = clients.call(get(port), Buffer.buffer(), reader).await().atMost(Duration.ofSeconds(5));

        assertThat(read.getBytes()).isEqualTo(body);
        assertThat(clients.reads().live()).isEqualTo(before);
    }

    @Test
    void keptPiecesHoldTheirBlocksUntilReleased() throws Exception {
        byte[] body = randomBytes(300_000, 7);
        long before = clients.reads().live();
        CompositeByteBuf pieces = Unpooled.compositeBuffer(Integer.MAX_VALUE);

        CompositeByteBuf kept = readPieces(body, piece -> pieces.addComponent(true, LoopHttpClients.keep(piece)),
                () -> pieces);

        // Not copied: the blocks the pieces are views of stay out until the pieces are released.
        assertThat(ByteBufUtil.getBytes(kept)).isEqualTo(body);
        assertThat(clients.reads().live()).isGreaterThan(before);
        kept.release();
        assertThat(clients.reads().live()).isEqualTo(before);
    }

    /** Calls a server that answers {@code body}, hands each piece of the answer to {@code piece}; then {@code end}. */
    private <T> T readPieces(byte[] body, Handler<Buffer> piece, Supplier<T> end) throws Exception {
        int port = serving(body);
        LoopHttpClients.Reader<T> reader = (request, response, emitter, settle) -> {
            response.handler(piece);
            response.endHandler(ended -> {
                settle.run();
                emitter.complete(end.get());
            });
        };
        return clients.call(get(port), Buffer.buffer(), reader).await().atMost(Duration.ofSeconds(5));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A server that answers every request with {@code body}; its port. */
    private int serving(byte[] body) throws Exception {
        return server(request -> request.response().end(Buffer.buffer(body)));
    }

    private int server(Handler<HttpServerRequest> handler) throws Exception {
        return vertx.createHttpServer().requestHandler(handler).listen(0).toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).actualPort();
    }

    private static RequestOptions get(int port) {
        return new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/");
    }

    private HttpClient currentOn(Context context) throws Exception {
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(ignored -> client.complete(clients.current()));
        return client.get(5, TimeUnit.SECONDS);
    }
}

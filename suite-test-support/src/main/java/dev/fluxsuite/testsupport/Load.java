package dev.fluxsuite.testsupport;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Sends many requests with a fixed number in flight and keeps every answer, so that a test can check each one
 * and that none was lost. A request that gets no answer at all (refused connection, client timeout) is kept as
 * an answer with status {@code -1} and the failure as its body.
 */
public final class Load {

    /** Longest a request may wait before the client gives up on it: far beyond every server-side limit tested. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Load() {
    }

    /**
     * One answer.
     *
     * @param index which request it answers
     * @param sentAt {@link System#nanoTime()} when it was sent
     * @param took from sending to the whole body received
     */
    public record Answer(int index, int status, String retryAfter, String body, long sentAt, Duration took) {

        /** Headers that matter here and the body, for searching. */
        public String text() {
            return "Retry-After: " + retryAfter + "\n" + body;
        }
    }

    /** Sends {@code requests} requests built by {@code request}, at most {@code concurrency} at once, and waits for all. */
    public static List<Answer> run(int requests, int concurrency, IntFunction<HttpRequest> request) {
        Semaphore slots = new Semaphore(concurrency);
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>(requests));
        List<CompletableFuture<?>> pending = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            slots.acquireUninterruptibly();
            int index = i;
            pending.add(send(index, request.apply(index)).whenComplete((answer, failure) -> {
                answers.add(answer);
                slots.release();
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        List<Answer> sorted = new ArrayList<>(answers);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return sorted;
    }

    /** Sends one request and waits for its answer. */
    public static Answer send(HttpRequest request) {
        return send(0, request).join();
    }

    private static CompletableFuture<Answer> send(int index, HttpRequest request) {
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(CLIENT_TIMEOUT).build();
        long sentAt = System.nanoTime();
        return HTTP.sendAsync(bounded, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(index, response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null), response.body(), sentAt,
                        Duration.ofNanos(System.nanoTime() - sentAt)))
                .exceptionally(failure -> new Answer(index, -1, null, String.valueOf(failure), sentAt,
                        Duration.ofNanos(System.nanoTime() - sentAt)));
    }
}

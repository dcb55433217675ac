package dev.fluxsuite.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** Streamed bodies read whole, so that a test can look at what a reader would have received. */
public final class Streams {

    private Streams() {
    }

    /**
     * The head and then the rest to its end.
     *
     * @throws AssertionError when the rest fails or does not end within {@code limit}; the failure is the cause
     */
    public static byte[] readAll(Buffer head, Optional<? extends ReadStream<Buffer>> rest, Duration limit) {
        Buffer whole = Buffer.buffer().appendBuffer(head);
        if (rest.isEmpty()) {
            return whole.getBytes();
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        ReadStream<Buffer> stream = rest.get();
        stream.exceptionHandler(done::completeExceptionally);
        stream.endHandler(end -> done.complete(whole.getBytes()));
        stream.handler(whole::appendBuffer);
        stream.resume();
        try {
            return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stream failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the stream did not end within " + limit, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

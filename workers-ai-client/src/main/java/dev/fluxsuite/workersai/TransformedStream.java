package dev.fluxsuite.workersai;

import dev.fluxsuite.io.LoopHttpClients;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body read through a {@link ChunkTransform}, with the source's flow control: pausing this pauses the source.
 * A chunk the transform refuses stops the source and reaches the exception handler instead of the data handler.
 * What the transform gives at the end comes as a last chunk; a consumer that pauses on it gets the end when it resumes.
 * A chunk the transform does not hand on as it is has been read: its block goes back ({@link LoopHttpClients#consumed}).
 */
final class TransformedStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final ChunkTransform transform;
    private final Runnable cancel;
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean failed;
    private boolean paused;
    private boolean endDeferred;

    TransformedStream(ReadStream<Buffer> source, ChunkTransform transform, Runnable cancel) {
        this.source = source;
        this.transform = transform;
        this.cancel = cancel;
        source.exceptionHandler(this::fail);
    }

    @Override
    public TransformedStream handler(Handler<Buffer> handler) {
        dataHandler = handler;
        source.handler(handler == null ? null : chunk -> {
            if (failed) {
                return;
            }
            Buffer out;
            try {
                out = transform.next(chunk);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (out != chunk) {
                LoopHttpClients.consumed(chunk);
            }
            if (out.length() > 0) {
                handler.handle(out);
            }
        });
        return this;
    }

    @Override
    public TransformedStream endHandler(Handler<Void> handler) {
        endHandler = handler;
        source.endHandler(handler == null ? null : ignored -> sourceEnded());
        return this;
    }

    private void sourceEnded() {
        if (failed) {
            return;
        }
        Buffer last;
        try {
            last = transform.finish();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (last.length() > 0 && dataHandler != null) {
            dataHandler.handle(last);
        }
        if (paused) {
            endDeferred = true;
        } else {
            end();
        }
    }

    private void end() {
        endDeferred = false;
        if (endHandler != null) {
            endHandler.handle(null);
        }
    }

    @Override
    public TransformedStream exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        return this;
    }

    @Override
    public TransformedStream pause() {
        paused = true;
        source.pause();
        return this;
    }

    @Override
    public TransformedStream resume() {
        paused = false;
        if (endDeferred) {
            end();
        } else {
            source.resume();
        }
        return this;
    }

    @Override
    public TransformedStream fetch(long amount) {
        if (endDeferred && amount > 0) {
            end();
        } else {
            source.fetch(amount);
        }
        return this;
    }

    private void fail(Throwable failure) {
        if (failed) {
            return;
        }
        failed = true;
        transform.discard();
        cancel.run();
        if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
        }
    }
}

package dev.fluxsuite.workersai;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A body read through a {@link ChunkTransform}, with the source's flow control: pausing this pauses the source.
 * A chunk the transform refuses stops the source and reaches the exception handler instead of the data handler.
 */
final class TransformedStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final ChunkTransform transform;
    private final Runnable cancel;
    private Handler<Buffer> dataHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean failed;

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
            if (out.length() > 0) {
                handler.handle(out);
            }
        });
        return this;
    }

    @Override
    public TransformedStream endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : ignored -> {
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
            handler.handle(null);
        });
        return this;
    }

    @Override
    public TransformedStream exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        return this;
    }

    @Override
    public TransformedStream pause() {
        source.pause();
        return this;
    }

    @Override
    public TransformedStream resume() {
        source.resume();
        return this;
    }

    @Override
    public TransformedStream fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    private void fail(Throwable failure) {
        if (failed) {
            return;
        }
        failed = true;
        cancel.run();
        if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
        }
    }
}

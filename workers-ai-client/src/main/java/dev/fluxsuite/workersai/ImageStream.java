package dev.fluxsuite.workersai;

import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An image as Workers AI sends it: its format, known from its first bytes, those bytes, and the rest as it
 * arrives. Nothing holds the whole image, so an instance with a thousand generations in flight holds a few chunks
 * of each rather than a thousand images.
 *
 * <p>The rest is paused until its reader sets its handlers and resumes it. It holds an upstream connection, so
 * whoever takes an image reads the rest to its end or {@link #cancel() cancels} it. A failure while it is read (the
 * connection lost, base64 that breaks off) reaches the rest's exception handler; the reader must then abort its own
 * answer rather than end it, since what was sent is not a whole image.
 */
public final class ImageStream {

    private final ImageFormat format;
    private final Buffer head;
    private final ReadStream<Buffer> rest;
    private final Runnable cancel;

    ImageStream(ImageFormat format, Buffer head, ReadStream<Buffer> rest, Runnable cancel) {
        this.format = format;
        this.head = head;
        this.rest = rest;
        this.cancel = cancel;
    }

    public ImageFormat format() {
        return format;
    }

    /** The first bytes, enough to tell the format; the whole image when {@link #rest()} is empty. */
    public Buffer head() {
        return head;
    }

    /** The bytes after the head, paused; empty when the head is the whole image. */
    public Optional<ReadStream<Buffer>> rest() {
        return Optional.ofNullable(rest);
    }

    /** Stops reading and lets the upstream connection go, for a reader that will not read the rest. */
    public void cancel() {
        cancel.run();
    }
}

package dev.fluxsuite.workersai;

import java.time.Duration;
import java.util.Optional;

import dev.fluxsuite.io.LoopHttpClients;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An image as Workers AI sends it: its format, known from its first bytes, those bytes, and the rest as it
 * arrives. Nothing holds the whole image, so an instance with a thousand generations in flight holds a few chunks
 * of each rather than a thousand images.
 *
 * <p>
 * The rest is paused until its reader {@link #takeRest() takes it}, sets its handlers and resumes it. It holds an
 * upstream connection, so whoever takes it reads it to its end or {@link #cancel() cancels} it. An image whose rest
 * nobody takes within {@link #CLAIM_TIME} of its head is cancelled: its caller has gone, and a caller's cancellation
 * does not reach through every layer on the way (fault tolerance drops the late value instead). A failure while the
 * rest is read (the connection lost, base64 that breaks off) reaches its exception handler; the reader must then
 * abort its own answer rather than end it, since what was sent is not a whole image.
 */
public final class ImageStream {

    /** How long an image waits for its reader; taking it takes milliseconds. */
    public static final Duration CLAIM_TIME = Duration.ofSeconds(5);

    private final ImageFormat format;
    private final Buffer head;
    private final ReadStream<Buffer> rest;
    private final Runnable cancel;
    private volatile boolean taken;
    private Vertx vertx;
    private long claimTimer;

    private ImageStream(ImageFormat format, Buffer head, ReadStream<Buffer> rest, Runnable cancel) {
        this.format = format;
        this.head = head;
        this.rest = rest;
        this.cancel = cancel;
    }

    /**
     * An image whose {@link #CLAIM_TIME} runs from now, on the current Vert.x context's timers (none outside one, as
     * in plain unit tests).
     */
    static ImageStream awaitingClaim(ImageFormat format, Buffer head, ReadStream<Buffer> rest, Runnable cancel) {
        ImageStream stream = new ImageStream(format, head, rest, cancel);
        Context context = Vertx.currentContext();
        if (context != null) {
            stream.vertx = context.owner();
            stream.claimTimer = stream.vertx.setTimer(CLAIM_TIME.toMillis(), id -> stream.cancelUntaken());
        }
        return stream;
    }

    public ImageFormat format() {
        return format;
    }

    /** The first bytes, enough to tell the format; the whole image when {@link #takeRest()} is empty. */
    public Buffer head() {
        return head;
    }

    /** The bytes after the head, paused; empty when the head is the whole image. */
    public Optional<ReadStream<Buffer>> takeRest() {
        taken = true;
        // A pending timer holds the image, its head and its connection; at a thousand images a second, five seconds
        // of them were most of the heap.
        if (vertx != null) {
            vertx.cancelTimer(claimTimer);
        }
        return Optional.ofNullable(rest);
    }

    /** Cancels the image unless its rest was taken. */
    void cancelUntaken() {
        if (!taken) {
            cancel.run();
        }
    }

    /**
     * Gives the block under a piece of the image (the head or a piece of the rest: decoded from base64, or as it was
     * read) back for reuse, once the piece has been written and nothing reads it any more. Pieces of other kinds are
     * left to the collector; a piece never given back is collected too.
     */
    public static void written(Buffer piece) {
        LoopHttpClients.consumed(piece);
    }

    /** Stops reading and lets the upstream connection go, for a reader that will not read the rest. */
    public void cancel() {
        cancel.run();
    }
}

package dev.fluxsuite.gateway.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the images the gateway holds at once: read from image-service and not yet answered. Under a burst the
 * answers cannot be written as fast as images arrive, and without a bound the images waiting for theirs filled the
 * memory (a thousand of them, at a thousand requests in flight on a cold start). Beyond the bound an image waits unread
 * in its connection, which holds image-service's sending of it, which holds its reading from Workers AI; it is read
 * when an image held is released, in the order they came.
 * <p>
 * An image of a request that holds one already never waits: a request of several images would otherwise hold the
 * ones it has while waiting for the others, which could wait for it in turn.
 */
final class ImageBudget {

    /** Marks a request that holds images: its next ones come in at once. */
    private static final String HOLDS = ImageBudget.class.getName();

    private final int limit;
    private final AtomicInteger held = new AtomicInteger();
    private final Queue<BooleanSupplier> waiting = new ConcurrentLinkedQueue<>();

    /** @param limit the images held at once, beyond those of requests that hold some already */
    ImageBudget(int limit) {
        this.limit = limit;
    }

    /**
     * Whether an image for {@code caller} (null outside a request) may be read now; if so it is counted as held until
     * {@link #released}, and its request marked as holding one. If not, it is to wait for {@link #await}. On the
     * thread of the image's connection.
     */
    boolean admits(RoutingContext caller) {
        boolean holds = caller == null || caller.get(HOLDS) != null;
        if (!holds && (held.get() >= limit || !waiting.isEmpty())) {
            return false;
        }
        held.incrementAndGet();
        holding(caller);
        return true;
    }

    /**
     * Queues an image that was not admitted. {@code start} runs once there is room, counted as held, on whichever
     * thread made it; it answers false when its image is no longer wanted (its call has ended meanwhile), which hands
     * the room on. An image started is to mark its request ({@link #holding}) on the thread of its connection.
     */
    void await(BooleanSupplier start) {
        waiting.add(start);
        // Room may have been made between the refusal and the queueing.
        admitWaiting();
    }

    /** Marks {@code caller} (null outside a request) as holding an image: its next ones come in at once. */
    void holding(RoutingContext caller) {
        if (caller != null) {
            caller.put(HOLDS, Boolean.TRUE);
        }
    }

    /** An image held is released: the next waiting one may be read. */
    void released() {
        held.decrementAndGet();
        admitWaiting();
    }

    /** The images held now. */
    int held() {
        return held.get();
    }

    private void admitWaiting() {
        while (held.get() < limit) {
            BooleanSupplier next = waiting.poll();
            if (next == null) {
                return;
            }
            held.incrementAndGet();
            if (!next.getAsBoolean()) {
                held.decrementAndGet();
            }
        }
    }
}

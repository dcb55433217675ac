package dev.fluxsuite.gateway.service;

import java.util.ArrayDeque;

/**
 * The times of one consumer's requests in the last window, in this replica: a request is taken while fewer than the
 * limit fall inside the window, so that no 60 seconds ever hold more than the limit. Used while Redis, which holds the
 * window of every replica, is not configured or not answering.
 */
final class SlidingWindow {

    private final ArrayDeque<Long> times = new ArrayDeque<>();

    /**
     * Takes a request at {@code now} when the window has room.
     *
     * @return 0 when taken, else the milliseconds until the oldest request leaves the window
     */
    synchronized long take(long now, int limit, long window) {
        forget(now, window);
        if (times.size() >= limit) {
            return times.peekFirst() + window - now;
        }
        times.addLast(now);
        return 0;
    }

    /** Takes back the request taken last at {@code now}, refused after all by another limit. */
    synchronized void undo(long now) {
        if (!times.isEmpty() && times.peekLast() == now) {
            times.pollLast();
        }
    }

    /** Records a request taken elsewhere (by Redis), so that this window is current should Redis be lost. */
    synchronized void record(long now, int limit, long window) {
        forget(now, window);
        if (times.size() >= limit) {
            times.pollFirst();
        }
        times.addLast(now);
    }

    /** Requests in the window now. */
    synchronized int count(long now, long window) {
        forget(now, window);
        return times.size();
    }

    private void forget(long now, long window) {
        while (!times.isEmpty() && times.peekFirst() <= now - window) {
            times.pollFirst();
        }
    }
}

package dev.fluxsuite.workersai.client;

import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UpstreamServerException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * The wait before the next attempt. A failure that rested its account (capacity, quota, refused token, or a
 * server error that named a {@code Retry-After}) moves to the next account at once: waiting would only add
 * latency, and the pool already keeps the failed account out for as long as it asked. Other failures back
 * off exponentially from {@code @Retry(delay)}, up to {@value #MAX_FACTOR} times it.
 */
public final class UpstreamBackoff implements CustomBackoffStrategy {

    static final int MAX_FACTOR = 16;

    private long base;
    private int backoffs;

    @Override
    public void init(long initialDelayInMillis) {
        base = Math.max(1, initialDelayInMillis);
    }

    @Override
    public synchronized long nextDelayInMillis(Throwable failure) {
        boolean accountRested = switch (failure) {
            case CapacityExceededException e -> true;
            case QuotaExhaustedException e -> true;
            case AuthenticationFailedException e -> true;
            case UpstreamServerException e -> e.retryAfter().isPresent();
            default -> false;
        };
        if (accountRested) {
            return 0;
        }
        long delay = base * Math.min(MAX_FACTOR, 1L << Math.min(backoffs, 30));
        backoffs++;
        return delay;
    }
}

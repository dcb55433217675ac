package dev.fluxsuite.workersai.client;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.fluxsuite.workersai.WorkersAiException;
import io.vertx.core.http.HttpClosedException;

/**
 * Which failures {@link WorkersAiClient#run} tries again: the typed ones that say so (capacity, quota and
 * token problems move to another account; server errors and malformed answers back off), attempts that ran
 * out of time, and broken connections (also one the upstream closed as it was reused). Bad input, unknown models and an
 * exhausted pool end the call at once.
 */
public final class RetryableFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return switch (failure) {
            case WorkersAiException e -> e.retryable();
            case TimeoutException e -> true;
            case ProcessingException e -> true;
            case IOException e -> true;
            case HttpClosedException e -> true;
            default -> false;
        };
    }
}

package dev.fluxsuite.workersai.client;

import java.io.IOException;
import java.util.function.Predicate;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.fluxsuite.workersai.MalformedResponseException;
import dev.fluxsuite.workersai.UpstreamServerException;
import io.vertx.core.http.HttpClosedException;

/**
 * The failures that say an upstream model is unwell, for circuit breakers: server errors, malformed answers,
 * timeouts and broken connections. Rate limits, quotas, refused tokens and bad input are not: they say
 * something about an account or a request, and the pool or the caller deals with them.
 */
public final class UpstreamTrouble implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return failure instanceof UpstreamServerException || failure instanceof MalformedResponseException
                || failure instanceof TimeoutException || failure instanceof ProcessingException
                || failure instanceof IOException || failure instanceof HttpClosedException;
    }
}

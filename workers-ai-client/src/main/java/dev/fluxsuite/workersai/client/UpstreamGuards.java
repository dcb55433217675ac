package dev.fluxsuite.workersai.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.TypeLiteral;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Guards for one upstream (a model, a provider): a named circuit breaker that counts only
 * {@link UpstreamTrouble}, inside a time limit. Placed outside {@link WorkersAiClient}'s retries, one logical
 * call counts once, however many attempts it took. The name makes the breaker reachable through
 * {@code CircuitBreakerMaintenance}.
 */
public final class UpstreamGuards {

    private UpstreamGuards() {
    }

    /** The breaker's thresholds. */
    public record BreakerSettings(int requestVolume, double failureRatio, Duration delay) {
    }

    public static <T> TypedGuard.Builder<Uni<T>> breakerAndTimeout(TypeLiteral<Uni<T>> type, String name,
            BreakerSettings breaker, Duration timeout) {
        return TypedGuard.create(type)
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(breaker.requestVolume())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .when(new UpstreamTrouble())
                .onStateChange(state -> Log.warnf("Circuit breaker %s is now %s", name, state))
                .done()
                .withTimeout()
                .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                .done();
    }
}

package dev.fluxsuite.shared.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.fluxsuite.shared.SharedState;

/**
 * Whether this replica shares its state through Redis now. Always UP: without Redis a replica goes on with its own
 * state, so taking it out of its Service would turn a lost Redis into an outage.
 */
@Readiness
@ApplicationScoped
public class SharedStateCheck implements HealthCheck {

    private final SharedState shared;

    SharedStateCheck(SharedState shared) {
        this.shared = shared;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Shared state").up().withData("redis", shared.link().describe()).build();
    }
}

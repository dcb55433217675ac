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
        SharedState.Link link = shared.link();
        var response = HealthCheckResponse.named("Shared state").up().withData("redis", switch (link.state()) {
            case NOT_CONFIGURED -> "not configured: this replica keeps its state in its own memory";
            case CONNECTING -> "connecting to " + link.redis();
            case CONNECTED -> "connected to " + link.redis();
            case UNREACHABLE -> "unreachable since " + link.since() + ": " + link.reason()
                    + "; this replica goes on with its own state";
        });
        return response.build();
    }
}

package dev.fluxsuite.translation.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** What the providers learned in one test and must not carry into the next: breakers and cached translations. */
@ApplicationScoped
class ProviderState {

    private final CircuitBreakerMaintenance breakers;
    private final Cache cache;

    ProviderState(CircuitBreakerMaintenance breakers, @CacheName("translations") Cache cache) {
        this.breakers = breakers;
        this.cache = cache;
    }

    void forget() {
        breakers.resetAll();
        cache.invalidateAll().await().indefinitely();
    }
}

package dev.fluxsuite.workersai.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.fluxsuite.workersai.pool.AccountPool;
import dev.fluxsuite.workersai.pool.AccountStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * {@code workers_ai_accounts{state}}: how many accounts are available, resting a model after a rate limit, out of
 * their daily quota, or refused their token, read from the pool at each scrape.
 */
@ApplicationScoped
public class AccountMetrics {

    void register(@Observes StartupEvent event, AccountPool pool, MeterRegistry meters) {
        gauge(meters, pool, "available", s -> s.state() == AccountStatus.State.AVAILABLE && s.coolingModels().isEmpty());
        gauge(meters, pool, "cooling", s -> s.state() == AccountStatus.State.AVAILABLE && !s.coolingModels().isEmpty());
        gauge(meters, pool, "quota_exhausted", s -> s.state() == AccountStatus.State.QUOTA_EXHAUSTED);
        gauge(meters, pool, "auth_failed", s -> s.state() == AccountStatus.State.AUTHENTICATION_FAILED);
    }

    private static void gauge(MeterRegistry meters, AccountPool pool, String state,
            java.util.function.Predicate<AccountStatus> counted) {
        Gauge.builder("workers_ai_accounts", pool, p -> p.status().stream().filter(counted).count())
                .tag("state", state).description("Cloudflare accounts by state").register(meters);
    }
}

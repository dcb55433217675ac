package dev.fluxsuite.workersai.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.fluxsuite.workersai.pool.AccountPool;
import dev.fluxsuite.workersai.pool.AccountStatus;

/**
 * Ready when at least one Cloudflare account can take calls. Each account shows by index (never by id or
 * token) with its state and, when it is out, the time it returns.
 */
@Readiness
@ApplicationScoped
public class WorkersAiAccountsCheck implements HealthCheck {

    private final AccountPool pool;

    WorkersAiAccountsCheck(AccountPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Workers AI accounts");
        if (!pool.configured()) {
            return response.down().withData("reason", "CF_ACCOUNT_LIST is not set").build();
        }
        response.withData("accounts", pool.size());
        for (AccountStatus account : pool.status()) {
            String state = switch (account.state()) {
                case AVAILABLE -> account.coolingModels().isEmpty() ? "available"
                        : "available; resting " + account.coolingModels();
                case QUOTA_EXHAUSTED -> "daily allocation used up until " + account.until();
                case AUTHENTICATION_FAILED -> "token refused, retried after " + account.until();
            };
            response.withData("account." + account.index(), state);
        }
        return response.status(pool.anyAvailable()).build();
    }
}

package dev.fluxsuite.workersai.pool;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.fluxsuite.io.Redacted;
import dev.fluxsuite.workersai.config.AccountListParser;
import dev.fluxsuite.workersai.config.CloudflareConfig;
import dev.fluxsuite.workersai.neurons.NeuronLedger;
import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Builds the pool from {@code CF_ACCOUNT_LIST} and reads it at start, so that a broken list stops the service at once. */
@ApplicationScoped
public class AccountPoolProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    AccountPool accountPool(CloudflareConfig config, Clock clock, NeuronLedger ledger) {
        var accounts = config.accountList().filter(s -> !s.isBlank())
                .map(json -> AccountListParser.parse("CF_ACCOUNT_LIST", json))
                .orElse(List.of());
        CloudflareConfig.Pool pool = config.pool();
        return new AccountPool(accounts,
                new AccountPool.Cooldowns(pool.capacityCooldown(), pool.authCooldown(), pool.quotaCooldown()), clock,
                ledger);
    }

    void onStart(@Observes StartupEvent event, AccountPool pool, CloudflareConfig config) {
        if (pool.configured()) {
            Log.infof("Workers AI at %s with %d account(s)", Redacted.url(config.apiBaseUrl()), pool.size());
        } else {
            Log.warn("CF_ACCOUNT_LIST is not set: this service reports not ready and answers upstream calls with 503");
        }
    }
}

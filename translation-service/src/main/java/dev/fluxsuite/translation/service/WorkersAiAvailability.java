package dev.fluxsuite.translation.service;

import java.util.Optional;

import dev.fluxsuite.workersai.pool.AccountPool;

/** Whether the Workers AI providers can be called: accounts configured, and not all of them out. */
final class WorkersAiAvailability {

    private WorkersAiAvailability() {
    }

    static Optional<String> of(AccountPool pool) {
        if (!pool.configured()) {
            return Optional.of("CF_ACCOUNT_LIST is not set");
        }
        return pool.anyAvailable() ? Optional.empty() : Optional.of("every Cloudflare account is out for now");
    }
}

package dev.fluxsuite.workersai.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where Workers AI is and which Cloudflare accounts may call it. The names match the seed's
 * environment variables ({@code CF_ACCOUNT_LIST}, {@code CF_API_BASE_URL}), so a {@code wrangler.toml}
 * {@code [vars]} block moves over unchanged.
 */
@ConfigMapping(prefix = "cf")
public interface CloudflareConfig {

    /**
     * The accounts, as the JSON array {@code [{"account_id":"…","token":"…"}]} ({@code CF_ACCOUNT_LIST}).
     * Unset: the service starts, reports not ready, and upstream calls fail with a 503.
     */
    Optional<String> accountList();

    /** Base URL of the Workers AI REST API ({@code CF_API_BASE_URL}); the emulator's for local runs. */
    @WithDefault("https://api.cloudflare.com/client/v4")
    String apiBaseUrl();

    /**
     * The neurons each account may spend a day ({@code CF_DAILY_NEURONS}): Cloudflare's free allocation is 10,000,
     * after which an account on the free plan is refused until 00:00 UTC. What is left of it, estimated from the calls
     * made, is what the pool spreads calls by and what the status page shows.
     */
    @WithDefault("10000")
    long dailyNeurons();

    /**
     * How often the neurons the accounts spent today are read from Redis, so that the calls of the other replicas
     * and of the other service count here too.
     */
    @WithDefault("5s")
    Duration neuronsRefreshInterval();

    /** How the account pool reacts to failures. */
    Pool pool();

    /** The HTTP connection to Workers AI. */
    Http http();

    interface Pool {
        /**
         * How long a model rests on one account after a capacity answer (429, code 3040) that names no
         * {@code Retry-After}; the other accounts keep serving that model meanwhile.
         */
        @WithDefault("10s")
        Duration capacityCooldown();

        /**
         * How long an account rests after Cloudflare refused its token (401/403), so that one broken
         * entry does not fail every request that lands on it.
         */
        @WithDefault("5m")
        Duration authCooldown();

        /**
         * How long an account rests after a spent daily allocation that names no {@code Retry-After}, when that
         * should be sooner than the next 00:00 UTC (Cloudflare's reset): each return costs one refused call if
         * the allocation is still spent. Unset: until 00:00 UTC.
         */
        Optional<Duration> quotaCooldown();
    }

    interface Http {
        /** Time to open a TCP connection to Workers AI. */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Hard limit on waiting for one answer at the socket level; the per-attempt limit callers see is the
         * fault-tolerance {@code @Timeout}, which is shorter.
         */
        @WithDefault("5m")
        Duration readTimeout();

        /**
         * Connections kept to Workers AI; bounds how many upstream calls this instance runs at once, for image
         * answers on each event loop (they are read on the loop of the request that asked for them).
         */
        @WithDefault("1024")
        int maxConnections();
    }
}

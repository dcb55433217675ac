package dev.fluxsuite.shared.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How replicas share their state through Redis. Where Redis is comes from Quarkus's own {@code quarkus.redis.*}
 * settings ({@code QUARKUS_REDIS_HOSTS}, {@code QUARKUS_REDIS_PASSWORD}); without hosts every replica keeps its own
 * state in memory.
 */
@ConfigMapping(prefix = "shared-state")
public interface SharedStateConfig {

    /**
     * The longest one Redis command may take ({@code SHARED_STATE_TIMEOUT}); beyond it the caller goes on with the
     * replica's own state.
     */
    @WithDefault("1s")
    Duration timeout();

    /**
     * How often Redis is asked whether it answers ({@code SHARED_STATE_PROBE_INTERVAL}); once it is lost, also how
     * long commands go to the replica's own state before Redis is tried again.
     */
    @WithDefault("2s")
    Duration probeInterval();

    /**
     * The start of every key and channel ({@code SHARED_STATE_KEY_PREFIX}), so that several deployments can share
     * one Redis.
     */
    @WithDefault("flux-suite")
    String keyPrefix();
}

package dev.fluxsuite.emulator.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The emulator's settings. */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /** The two demo accounts that {@code scripts/start-local.sh} also hands to the services. */
    String DEMO_ACCOUNTS = "[{\"account_id\":\"demo-account-1\",\"token\":\"demo-token-1\"},"
            + "{\"account_id\":\"demo-account-2\",\"token\":\"demo-token-2\"}]";

    /**
     * The accounts it accepts, as the JSON of {@code CF_ACCOUNT_LIST} ({@code EMULATOR_ACCOUNTS}): a call
     * must name one of these account ids and carry its token.
     */
    @WithDefault(DEMO_ACCOUNTS)
    String accounts();

    /** How long the {@code timeout} fault holds an answer: longer than any sane client waits. */
    @WithDefault("5m")
    Duration timeoutHold();
}

package dev.fluxsuite.emulator.service;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The fault one account plays.
 *
 * @param latencyMs added before every answer, whatever the mode
 * @param rateLimitPerMinute with {@code rate-limit}, how many calls a minute pass before 429s start
 * @param probability share of calls that get the fault (1 = every call); latency applies to all
 */
@RegisterForReflection
public record FaultSettings(FaultMode mode, long latencyMs, int rateLimitPerMinute, double probability) {

    public static final FaultSettings NONE = new FaultSettings(FaultMode.NONE, 0, 0, 1);
}

package dev.fluxsuite.emulator.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /emulator/faults}.
 *
 * @param account one account id, or absent for every account
 * @param model one model id, or absent for every model
 * @param mode none, rate-limit, quota-exhausted, server-error, timeout or malformed
 * @param latencyMs delay added before every answer (0 to 600000)
 * @param rateLimitPerMinute with rate-limit: calls a minute that pass before 429s start (default 0)
 * @param probability share of calls that get the fault, 0 to 1 (default 1)
 */
@RegisterForReflection
public record FaultRequest(String account, String model, String mode, Long latencyMs, Integer rateLimitPerMinute,
        Double probability) {
}

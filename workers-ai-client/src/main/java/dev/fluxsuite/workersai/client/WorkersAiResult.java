package dev.fluxsuite.workersai.client;

/**
 * What a call produced, with the account that served it (by index) and how many upstream attempts it took.
 */
public record WorkersAiResult<T>(T value, int accountIndex, int attempts) {
}

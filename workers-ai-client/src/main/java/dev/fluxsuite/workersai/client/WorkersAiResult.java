package dev.fluxsuite.workersai.client;

/**
 * What a call produced, with the account that served it (by index), how many upstream attempts it took, and its
 * estimated cost in neurons.
 */
public record WorkersAiResult<T>(T value, int accountIndex, int attempts, double neurons) {
}

package dev.fluxsuite.workersai;

/**
 * Reads the value a caller wants out of a Workers AI answer. It runs inside the retried call, so an answer
 * it rejects with a {@link MalformedResponseException} is tried again, on another account when there is one.
 */
@FunctionalInterface
public interface ResponseDecoder<T> {

    T decode(WorkersAiResponse response);
}

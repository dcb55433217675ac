package dev.fluxsuite.workersai;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a value out of a successful Workers AI answer while its body still arrives. Like a {@link ResponseDecoder}
 * it runs inside the retried call until its value is there: a {@link MalformedResponseException} before then is
 * tried again, on another account when there is one. What it leaves in its value to read later is past retrying.
 */
@FunctionalInterface
public interface StreamDecoder<T> {

    /**
     * @param mediaType the answer's media type without parameters
     * @param body the body, paused
     * @param cancel lets the connection go; to be run when the value will never be read, or decoding failed
     */
    Uni<T> decode(String mediaType, ReadStream<Buffer> body, Runnable cancel);
}

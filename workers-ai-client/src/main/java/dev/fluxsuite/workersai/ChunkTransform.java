package dev.fluxsuite.workersai;

import io.vertx.core.buffer.Buffer;

/** Turns a body, chunk by chunk, into another: what a chunk completes comes out at once, the rest at the end. */
interface ChunkTransform {

    /** The body as it came. */
    ChunkTransform IDENTITY = new ChunkTransform() {
        @Override
        public Buffer next(Buffer chunk) {
            return chunk;
        }

        @Override
        public Buffer finish() {
            return Buffer.buffer(0);
        }
    };

    /**
     * @return what {@code chunk} completes: the chunk itself, or bytes of the transform's own; keeps nothing of the
     *         chunk, whose block goes back once this returns
     * @throws MalformedResponseException when the body cannot be what it should
     */
    Buffer next(Buffer chunk);

    /** @throws MalformedResponseException when the body ended too early */
    Buffer finish();

    /** Lets go of what it holds for what would have come out, for a body that will not be read on. */
    default void discard() {
    }
}

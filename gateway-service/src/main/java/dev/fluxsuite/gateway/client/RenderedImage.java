package dev.fluxsuite.gateway.client;

import java.nio.ByteBuffer;

/**
 * An image from image-service, with what its headers said about it.
 *
 * @param bytes the image, read-only; pooled, valid until the answer of the request that asked for it has
 *        ended (see {@link ImageBuffers})
 */
public record RenderedImage(ByteBuffer bytes, String contentType, String model, String upstreamModel, int attempts,
        long seed, String size) {

    /** The image in an array of its own, for what keeps it. */
    public byte[] copy() {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return copy;
    }
}

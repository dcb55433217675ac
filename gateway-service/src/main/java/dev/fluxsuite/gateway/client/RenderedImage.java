package dev.fluxsuite.gateway.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * An image from image-service, with what its headers said about it.
 *
 * @param bytes the image, read-only, in the pieces it arrived in; valid until the answer of the request that asked
 *        for it has ended (see {@link ImageBuffers})
 * @param neurons its estimated cost in neurons
 */
public record RenderedImage(ByteBuf bytes, String contentType, String model, String upstreamModel, int attempts,
        long seed, String size, double neurons) {

    /** The image in an array of its own, for what keeps it. */
    public byte[] copy() {
        return ByteBufUtil.getBytes(bytes);
    }
}

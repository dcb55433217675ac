package dev.fluxsuite.gateway.client;

/** An image from image-service, with what its headers said about it. */
public record RenderedImage(byte[] bytes, String contentType, String model, String upstreamModel, int attempts, long seed,
        String size) {
}

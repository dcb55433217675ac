package dev.fluxsuite.gateway.client;

/** What image-service's headers said about an image, whether it is read whole or as it arrives. */
public interface ImageFacts {

    String contentType();

    /** The model that made it: another than asked when a fallback model stepped in. */
    String model();

    String upstreamModel();

    int attempts();

    long seed();

    /** {@code WxH}, or null when image-service did not say. */
    String size();
}

package dev.fluxsuite.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's settings. The seed's variables ({@code API_KEY}, {@code IMAGE_EXPIRATION}) and the suite's
 * ({@code TRANSLATION_SERVICE_URL}, {@code IMAGE_SERVICE_URL}) set them too (see {@link GatewayVariables}).
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The client keys accepted as {@code Authorization: Bearer <key>}, comma-separated ({@code API_KEY}). None:
     * every call that generates is refused with 401.
     */
    Optional<List<String>> apiKeys();

    /**
     * Named consumers with their own keys and limits ({@code API_CONSUMERS}): a JSON array of
     * {@code {"name", "key" or "keySha256", "requestsPerMinute"?, "imagesPerDay"?}}. A malformed list stops the start.
     */
    Optional<String> consumers();

    /** Where translation-service is ({@code TRANSLATION_SERVICE_URL}). */
    @WithDefault("http://localhost:8081")
    String translationServiceUrl();

    /** Where image-service is ({@code IMAGE_SERVICE_URL}). */
    @WithDefault("http://localhost:8082")
    String imageServiceUrl();

    /** How long a generated image stays fetchable at {@code /images/{id}} ({@code IMAGE_EXPIRATION}, seconds). */
    @WithDefault("1800")
    long imageExpiration();

    /**
     * Total bytes of images kept for {@code /images/{id}}; the oldest go first beyond it. They are kept in the heap,
     * beside the images being answered ({@link #maxImagesHeld}): raise it with the memory limit. At 256M it was two
     * thirds of the gateway's heap in its container (384 MB) and all of a native gateway's memory limit (256Mi).
     */
    @WithDefault("96M")
    io.quarkus.runtime.configuration.MemorySize imageStoreSize();

    /**
     * The gateway's address as clients see it, for image URLs ({@code PUBLIC_URL}), e.g.
     * {@code https://images.example.com}. Unset: taken from each request (and its {@code X-Forwarded-*} headers).
     */
    Optional<String> publicUrl();

    /**
     * Images held in memory at once: read from image-service, their answers not yet written. Beyond it, the next
     * image waits unread in its connection (which holds image-service and Workers AI back) until one is released;
     * the images of a request that holds some already never wait. Each is some 300 KiB for Flux, up to 1.5 MiB for
     * SDXL's PNGs, in memory outside the heap (the direct memory, as large as the heap unless set apart): it must hold
     * this many with room to spare. At least 1.
     */
    @WithDefault("128")
    int maxImagesHeld();

    /** Images one {@code /v1/images/generations} call may ask for. */
    @WithDefault("4")
    int maxImagesPerRequest();

    /**
     * The largest request body taken, answered 413 with a message beyond it. Chat clients send whole conversations;
     * a megabyte is far more than any prompt needs.
     */
    @WithDefault("1M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /** How long the model lists of the two services are reused before being asked again. */
    @WithDefault("30s")
    Duration modelListTtl();
}

package dev.fluxsuite.gateway.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.fluxsuite.gateway.config.GatewayConfig;

/**
 * Generated images kept for {@code GET /images/{id}}: each for {@code IMAGE_EXPIRATION}, all together within a
 * byte budget, the oldest leaving first when a new one needs room. Ids are 128 random bits, so knowing one is
 * the permission to fetch it.
 */
@ApplicationScoped
public class ImageStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** A kept image. */
    public record StoredImage(byte[] bytes, String contentType, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredImage> images = new LinkedHashMap<>();
    private final Duration keep;
    private final long budget;
    private final Clock clock;
    private long bytes;

    @Inject
    ImageStore(GatewayConfig config) {
        this(Duration.ofSeconds(config.imageExpiration()), config.imageStoreSize().asLongValue(), Clock.systemUTC());
    }

    ImageStore(Duration keep, long budget, Clock clock) {
        this.keep = keep;
        this.budget = budget;
        this.clock = clock;
    }

    /** Keeps the image and returns its id; an image larger than the whole budget is not kept (empty). */
    public synchronized Optional<String> put(byte[] image, String contentType) {
        if (image.length > budget) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        dropExpired(now);
        Iterator<StoredImage> oldest = images.values().iterator();
        while (bytes + image.length > budget && oldest.hasNext()) {
            bytes -= oldest.next().bytes().length;
            oldest.remove();
        }
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        images.put(id, new StoredImage(image, contentType, now.plus(keep)));
        bytes += image.length;
        return Optional.of(id);
    }

    public synchronized Optional<StoredImage> get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        dropExpired(clock.instant());
        return Optional.ofNullable(images.get(id));
    }

    synchronized long bytes() {
        return bytes;
    }

    /** Insertion order is expiry order, since every image is kept equally long. */
    private void dropExpired(Instant now) {
        Iterator<StoredImage> oldest = images.values().iterator();
        while (oldest.hasNext()) {
            StoredImage image = oldest.next();
            if (image.expires().isAfter(now)) {
                return;
            }
            bytes -= image.bytes().length;
            oldest.remove();
        }
    }
}

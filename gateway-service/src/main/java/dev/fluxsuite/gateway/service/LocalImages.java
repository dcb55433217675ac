package dev.fluxsuite.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;

import dev.fluxsuite.gateway.service.ImageStore.StoredImage;

/**
 * The images this replica keeps itself: all of them without Redis, and those made while Redis is lost. Caffeine
 * expires them and weighs them; beyond the byte budget the oldest go first. Caffeine's own size bound would turn a new
 * image away in favour of one fetched before, and a new image is the one its client is about to fetch.
 */
final class LocalImages {

    private final Cache<String, StoredImage> images;
    private final Policy.Eviction<String, StoredImage> weights;
    private final Policy.FixedExpiration<String, StoredImage> ages;
    private final long budget;

    LocalImages(Duration keep, long budget, Clock clock) {
        this.images = Caffeine.newBuilder()
                .expireAfterWrite(keep)
                .maximumWeight(Long.MAX_VALUE)
                .weigher((String id, StoredImage image) -> image.bytes().length)
                .ticker(() -> {
                    var now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .executor(Runnable::run)
                .build();
        this.weights = images.policy().eviction().orElseThrow();
        this.ages = images.policy().expireAfterWrite().orElseThrow();
        this.budget = budget;
    }

    /** Keeps the image, dropping the oldest while the budget is passed; false when it alone is larger than the budget. */
    synchronized boolean put(String id, StoredImage image) {
        if (image.bytes().length > budget) {
            return false;
        }
        images.put(id, image);
        while (bytes() > budget) {
            ages.oldest(1).keySet().forEach(images::invalidate);
        }
        return true;
    }

    Optional<StoredImage> get(String id) {
        return Optional.ofNullable(images.getIfPresent(id));
    }

    /** The images kept now, by id. */
    Map<String, StoredImage> all() {
        return Map.copyOf(images.asMap());
    }

    void remove(String id) {
        images.invalidate(id);
    }

    long bytes() {
        images.cleanUp();
        return weights.weightedSize().orElseThrow();
    }
}

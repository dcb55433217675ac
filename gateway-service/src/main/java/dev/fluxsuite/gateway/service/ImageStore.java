package dev.fluxsuite.gateway.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.shared.SharedState;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.smallrye.mutiny.Uni;

/**
 * Generated images kept for {@code GET /images/{id}}, each for {@code IMAGE_EXPIRATION}: in Redis when it is
 * configured, so that every replica serves every image, also after the one that made it has gone; in this replica's
 * memory without Redis, and while Redis is lost (then handed over to Redis once it answers again). Ids are 128 random
 * bits, so knowing one is the permission to fetch it.
 */
@ApplicationScoped
public class ImageStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** A kept image. */
    public record StoredImage(byte[] bytes, String contentType, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final LocalImages local;
    private final SharedState shared;
    private final Duration keep;
    private final Clock clock;

    @Inject
    ImageStore(GatewayConfig config, SharedState shared) {
        this(Duration.ofSeconds(config.imageExpiration()), config.imageStoreSize().asLongValue(), Clock.systemUTC(),
                shared);
    }

    ImageStore(Duration keep, long budget, Clock clock, SharedState shared) {
        this.local = new LocalImages(keep, budget, clock);
        this.shared = shared;
        this.keep = keep;
        this.clock = clock;
        if (shared.configured()) {
            shared.whenConnected(this::handOver);
        }
    }

    /** Keeps the image and returns its id. */
    public Uni<String> put(byte[] image, String contentType) {
        byte[] raw = new byte[16];
        random.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        StoredImage stored = new StoredImage(image, contentType, clock.instant().plus(keep));
        if (!shared.configured()) {
            return Uni.createFrom().item(() -> keepHere(id, stored));
        }
        return shared.call(ds -> ds.value(byte[].class).psetex(shared.key("image", id), keep.toMillis(), image))
                .replaceWith(id)
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Image %s kept in this replica: Redis did not take it (%s)", id, shared.reason(failure));
                    return keepHere(id, stored);
                });
    }

    /**
     * The image, if it is kept and has not expired.
     *
     * @throws ImageStoreUnavailableException (as a failed Uni) when it is not here and Redis cannot be asked
     */
    public Uni<Optional<StoredImage>> get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Optional<StoredImage> here = local.get(id);
        if (here.isPresent() || !shared.configured()) {
            return Uni.createFrom().item(here);
        }
        String key = shared.key("image", id);
        return shared.call(ds -> ds.value(byte[].class).get(key).chain(bytes -> bytes == null ? Uni.createFrom().nullItem()
                : ds.key().pttl(key).onFailure(RedisKeyNotFoundException.class).recoverWithItem(0L)
                        .map(ttl -> new StoredImage(bytes, typeOf(bytes), clock.instant().plusMillis(ttl)))))
                .map(Optional::ofNullable)
                .onFailure().transform(failure -> new ImageStoreUnavailableException(shared.reason(failure)));
    }

    /** Bytes of the images this replica keeps itself. */
    long bytesHere() {
        return local.bytes();
    }

    /** Once Redis answers again, the images kept here meanwhile go there, for what is left of their time. */
    private void handOver() {
        local.all().forEach((id, image) -> {
            long left = Duration.between(clock.instant(), image.expires()).toMillis();
            if (left > 0) {
                shared.call(ds -> ds.value(byte[].class).psetex(shared.key("image", id), left, image.bytes()))
                        .subscribe().with(ok -> local.remove(id),
                                failure -> Log.debugf("Image %s stays in this replica: %s", id, shared.reason(failure)));
            }
        });
    }

    private String keepHere(String id, StoredImage image) {
        if (!local.put(id, image)) {
            throw new IllegalStateException("An image of " + image.bytes().length
                    + " bytes is larger than the whole image store (GATEWAY_IMAGE_STORE_SIZE)");
        }
        return id;
    }

    /** Redis keeps only the bytes; image-service answers PNG or JPEG and says which by the bytes themselves. */
    private static String typeOf(byte[] image) {
        if (image.length > 3 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return "image/png";
        }
        if (image.length > 2 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }
}

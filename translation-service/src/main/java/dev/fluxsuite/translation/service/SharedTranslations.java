package dev.fluxsuite.translation.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.translation.config.TranslationConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The translations every replica made, in Redis when it is configured, each for {@code TRANSLATION_CACHE_TTL}: a
 * prompt one replica paid for is a hit on the others. Without Redis, or while it is lost, nothing is found and
 * nothing is kept here; each replica's own cache goes on.
 */
@ApplicationScoped
class SharedTranslations {

    private final SharedState shared;
    private final Duration ttl;

    SharedTranslations(SharedState shared, TranslationConfig config) {
        this.shared = shared;
        this.ttl = config.cache().ttl();
    }

    /** The translation another replica kept under {@code key}; null when there is none or Redis cannot say. */
    Uni<String> find(String key) {
        if (!shared.configured()) {
            return Uni.createFrom().nullItem();
        }
        return shared.call(ds -> ds.value(String.class).get(shared.key("translation", key)))
                .onFailure().recoverWithNull();
    }

    /** Keeps a translation for the others, without holding up the answer that made it. */
    void keep(String key, String text) {
        if (shared.configured()) {
            shared.call(ds -> ds.value(String.class).psetex(shared.key("translation", key), ttl.toMillis(), text))
                    .subscribe().with(ok -> {
                    }, failure -> Log.debugf("A translation was not shared: %s", shared.reason(failure)));
        }
    }
}

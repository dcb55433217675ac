package dev.fluxsuite.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.gateway.client.ImageClient;
import dev.fluxsuite.gateway.client.ModelLists.ImageModel;
import dev.fluxsuite.gateway.client.ModelLists.TranslationModel;
import dev.fluxsuite.gateway.client.TranslationClient;
import dev.fluxsuite.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The models of both services. The image models feed every generation (the default model, the sizes a ratio
 * turns into), so they are kept for {@code gateway.model-list-ttl}; a failed refresh keeps serving the last
 * list it had.
 */
@ApplicationScoped
public class ModelDirectory {

    /** Both lists; when a service did not answer, its list is empty and a warning says so. */
    public record Catalog(List<ImageModel> imageModels, List<TranslationModel> translationModels, List<String> warnings) {
    }

    private record Cached(List<ImageModel> models, Instant fetched) {
    }

    private final ImageClient images;
    private final TranslationClient translations;
    private final Duration ttl;
    private final Clock clock = Clock.systemUTC();
    private volatile Cached cached;
    private final AtomicReference<Uni<List<ImageModel>>> refreshing = new AtomicReference<>();

    ModelDirectory(ImageClient images, TranslationClient translations, GatewayConfig config) {
        this.images = images;
        this.translations = translations;
        this.ttl = config.modelListTtl();
    }

    public Uni<List<ImageModel>> imageModels() {
        Cached current = cached;
        if (current != null && current.fetched().plus(ttl).isAfter(clock.instant())) {
            return Uni.createFrom().item(current.models());
        }
        return refresh().onFailure().recoverWithUni(failure -> current != null
                ? Uni.createFrom().item(current.models())
                : Uni.createFrom().failure(failure));
    }

    /**
     * One fetch at a time: the callers that find the list stale while it is fetched share that fetch. Under load a
     * stale list is found by every request of the moment, a thousand at once. The fetch runs and ends on the Vert.x
     * context of whichever caller subscribes first, which need not be the one that started it; so every caller,
     * that one too, goes on on its own context, where its request id and its connection are.
     */
    private Uni<List<ImageModel>> refresh() {
        return Uni.createFrom().deferred(() -> {
            Uni<List<ImageModel>> fetch = images.models().map(list -> {
                cached = new Cached(List.copyOf(list.models()), clock.instant());
                return cached.models();
            }).onTermination().invoke(() -> refreshing.set(null)).memoize().indefinitely();
            Uni<List<ImageModel>> running = refreshing.compareAndExchange(null, fetch);
            Uni<List<ImageModel>> shared = running == null ? fetch : running;
            Context own = Vertx.currentContext();
            return own == null ? shared : shared.emitOn(task -> own.runOnContext(ignored -> task.run()));
        });
    }

    /** The model named (alias or {@code @cf/…} id, any case), or the first one for a blank name. */
    public Uni<ImageModel> find(String name) {
        return imageModels().map(models -> {
            if (models.isEmpty()) {
                throw new BadRequestException("model", "model_not_found", "image-service offers no model");
            }
            if (name == null || name.isBlank()) {
                return models.get(0);
            }
            String key = name.strip().toLowerCase(Locale.ROOT);
            return models.stream()
                    .filter(m -> m.id().toLowerCase(Locale.ROOT).equals(key)
                            || m.upstreamModel().toLowerCase(Locale.ROOT).equals(key))
                    .findFirst()
                    .orElseThrow(() -> new ModelNotFoundException("Unknown model '" + name.strip() + "'. Available: "
                            + models.stream().map(ImageModel::id).collect(Collectors.joining(", "))));
        });
    }

    /** Both lists, asked in parallel. */
    public Uni<Catalog> catalog() {
        List<String> warnings = new ArrayList<>();
        Uni<List<ImageModel>> imageList = imageModels().onFailure().recoverWithItem(failure -> {
            warnings.add("image-service did not list its models: " + describe(failure));
            return List.of();
        });
        Uni<List<TranslationModel>> translationList = translations.models().map(list -> list.models())
                .onFailure().recoverWithItem(failure -> {
                    warnings.add("translation-service did not list its models: " + describe(failure));
                    return List.of();
                });
        return Uni.combine().all().unis(imageList, translationList).asTuple()
                .map(both -> new Catalog(both.getItem1(), both.getItem2(), List.copyOf(warnings)));
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}

package dev.fluxsuite.image.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import dev.fluxsuite.image.config.ImageConfig;
import dev.fluxsuite.workersai.ImageStream;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.UpstreamGuards;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.client.WorkersAiResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Calls Workers AI for one resolved request, behind a guard per upstream model: a circuit breaker, so that a
 * model that keeps failing stops costing calls while the others go on, and a time limit by family (Flux
 * answers in seconds, SDXL base can take tens).
 */
@ApplicationScoped
public class ImageUpstream {

    private static final TypeLiteral<Uni<WorkersAiResult<ImageStream>>> GUARDED = new TypeLiteral<>() {
    };

    private final WorkersAiClient client;
    private final ImageConfig config;
    private final UpstreamGuards.BreakerSettings breaker;
    private final MeterRegistry meters;
    private final Map<String, TypedGuard<Uni<WorkersAiResult<ImageStream>>>> guards = new ConcurrentHashMap<>();

    ImageUpstream(WorkersAiClient client, ImageConfig config, MeterRegistry meters) {
        this.client = client;
        this.config = config;
        this.meters = meters;
        this.breaker = new UpstreamGuards.BreakerSettings(config.breaker().requestVolume(), config.breaker().failureRatio(),
                config.breaker().delay());
    }

    public Uni<ImageResult> generate(ResolvedRequest request) {
        CatalogModel model = request.model();
        WorkersAiCall<ImageStream> call = WorkersAiCall.streamed(model.upstreamModel(), request.upstreamInput(),
                ResponseDecoders.image());
        return guard(model).get(() -> client.run(call))
                .invoke(() -> meters.counter("images_generated", "model", model.alias()).increment())
                .map(result -> new ImageResult(result.value(), model, result.attempts(), request.seed(), request.width(),
                        request.height(), result.neurons()));
    }

    /** The name of a model's circuit breaker, for {@code CircuitBreakerMaintenance}. */
    public static String breakerName(String upstreamModel) {
        return "image-upstream:" + upstreamModel;
    }

    private TypedGuard<Uni<WorkersAiResult<ImageStream>>> guard(CatalogModel model) {
        return guards.computeIfAbsent(model.upstreamModel(), id -> UpstreamGuards.breakerAndTimeout(GUARDED,
                breakerName(id), breaker, timeout(model.family())).build());
    }

    private Duration timeout(Family family) {
        return switch (family) {
            case FLUX -> config.timeout().flux();
            case STABLE_DIFFUSION -> config.timeout().stableDiffusion();
            case PHOENIX, LUCID -> config.timeout().leonardo();
        };
    }
}

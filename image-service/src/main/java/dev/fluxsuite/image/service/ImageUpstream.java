package dev.fluxsuite.image.service;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.fluxsuite.image.config.ImageConfig;
import dev.fluxsuite.workersai.GeneratedImage;
import dev.fluxsuite.workersai.MalformedResponseException;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.client.WorkersAiResult;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Calls Workers AI for one resolved request, behind a guard per upstream model: a circuit breaker, so that a
 * model that keeps failing stops costing calls while the others go on, and a time limit by family (Flux
 * answers in seconds, SDXL base can take tens). The guard sits outside the client's retries, so one logical
 * call counts once, however many attempts it took. Only upstream trouble (server errors, malformed answers,
 * timeouts, broken connections) counts against a model; rate limits and quotas are the accounts' business.
 */
@ApplicationScoped
public class ImageUpstream {

    private static final TypeLiteral<Uni<WorkersAiResult<GeneratedImage>>> GUARDED = new TypeLiteral<>() {
    };
    private static final Predicate<Throwable> UPSTREAM_TROUBLE = failure -> failure instanceof UpstreamServerException
            || failure instanceof MalformedResponseException || failure instanceof TimeoutException
            || failure instanceof ProcessingException || failure instanceof IOException;

    private final WorkersAiClient client;
    private final ImageConfig config;
    private final Map<String, TypedGuard<Uni<WorkersAiResult<GeneratedImage>>>> guards = new ConcurrentHashMap<>();

    ImageUpstream(WorkersAiClient client, ImageConfig config) {
        this.client = client;
        this.config = config;
    }

    public Uni<ImageResult> generate(ResolvedRequest request) {
        CatalogModel model = request.model();
        WorkersAiCall<GeneratedImage> call = WorkersAiCall.of(model.upstreamModel(), request.upstreamInput(),
                ResponseDecoders.image());
        return guard(model).get(() -> client.run(call))
                .map(result -> new ImageResult(result.value(), model, result.attempts(), request.seed(), request.width(),
                        request.height()));
    }

    /** The name of a model's circuit breaker, for {@code CircuitBreakerMaintenance}. */
    public static String breakerName(String upstreamModel) {
        return "image-upstream:" + upstreamModel;
    }

    private TypedGuard<Uni<WorkersAiResult<GeneratedImage>>> guard(CatalogModel model) {
        return guards.computeIfAbsent(model.upstreamModel(), id -> TypedGuard.create(GUARDED)
                .withCircuitBreaker()
                .name(breakerName(id))
                .requestVolumeThreshold(config.breaker().requestVolume())
                .failureRatio(config.breaker().failureRatio())
                .delay(config.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                .when(UPSTREAM_TROUBLE)
                .onStateChange(state -> Log.warnf("Circuit breaker of %s is now %s", id, state))
                .done()
                .withTimeout()
                .duration(timeout(model.family()).toMillis(), ChronoUnit.MILLIS)
                .done()
                .build());
    }

    private Duration timeout(Family family) {
        return switch (family) {
            case FLUX -> config.timeout().flux();
            case STABLE_DIFFUSION -> config.timeout().stableDiffusion();
            case PHOENIX, LUCID -> config.timeout().leonardo();
        };
    }
}

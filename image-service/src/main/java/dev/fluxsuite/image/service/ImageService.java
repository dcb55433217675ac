package dev.fluxsuite.image.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.fluxsuite.image.ImageRequest;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Generates images. The bulkhead bounds how many generations one instance waits for at once (each holds an
 * upstream connection until its image starts to arrive), and answers 503 beyond it. When every account is out
 * for the asked model, or its breaker is open, the configured fallback model steps in.
 */
@ApplicationScoped
public class ImageService {

    private final ModelCatalog catalog;
    private final ImageUpstream upstream;

    ImageService(ModelCatalog catalog, ImageUpstream upstream) {
        this.catalog = catalog;
        this.upstream = upstream;
    }

    /**
     * @throws ModelNotFoundException for a model not in the catalogue (as a failed Uni)
     * @throws ImageRequestException for a value outside the model's limits
     */
    @AsynchronousNonBlocking
    @Bulkhead(value = 1024, waitingTaskQueue = 1024)
    @Fallback(fallbackMethod = "generateWithFallbackModel", applyOn = { AccountsUnavailableException.class,
            CircuitBreakerOpenException.class })
    public Uni<ImageResult> generate(ImageRequest request) {
        return Uni.createFrom().item(() -> RequestResolver.resolve(request, catalog.find(request.model())))
                .flatMap(upstream::generate);
    }

    Uni<ImageResult> generateWithFallbackModel(ImageRequest request, RuntimeException cause) {
        CatalogModel asked = catalog.find(request.model());
        CatalogModel fallback = catalog.fallbackFor(asked).orElse(null);
        if (fallback == null) {
            return Uni.createFrom().failure(cause);
        }
        ResolvedRequest resolved;
        try {
            resolved = RequestResolver.resolve(request.withModel(fallback.alias()), fallback);
        } catch (ImageRequestException doesNotFit) {
            // The request suits the asked model only; its own failure says more than the fallback's limits.
            return Uni.createFrom().failure(cause);
        }
        Log.warnf("%s unavailable (%s); generating with %s instead", asked.alias(), cause.getMessage(), fallback.alias());
        return upstream.generate(resolved);
    }
}

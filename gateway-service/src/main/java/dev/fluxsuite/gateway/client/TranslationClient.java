package dev.fluxsuite.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Asks translation-service for the image prompt. Translation is a nicety: when the service is down, slow or
 * failing, the original prompt is used and the answer says so. The timeout is longer than the service's own
 * (12 s), so that its fallback, not ours, speaks when only its upstream is slow; the breaker stops waiting on a
 * service that is gone.
 */
@ApplicationScoped
@Startup // made at start, so that a TRANSLATION_SERVICE_URL that is not a URL stops the start (ServiceUrl)
public class TranslationClient {

    /** A translation's answer fits a read block, which goes back as soon as it is copied: few are out at once. */
    private static final int KEPT_READS = 32;
    private final TranslationRestClient rest;
    private final ServiceHttp service;

    TranslationClient(TranslationRestClient rest, Vertx vertx, GatewayConfig config, ObjectMapper json) {
        this.rest = rest;
        this.service = new ServiceHttp(vertx, "translation-service", "TRANSLATION_SERVICE_URL",
                config.translationServiceUrl(), json, KEPT_READS);
    }

    @AsynchronousNonBlocking
    @Timeout(15_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, skipOn = DownstreamException.class)
    @Fallback(fallbackMethod = "untranslated")
    public Uni<TranslationResult> translate(String text, boolean enhance) {
        return service.post("v1/translations", new TranslationCall(text, enhance), TranslationResult.class);
    }

    /** Its model list; a few seconds at most, since it only feeds listings. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<ModelLists.TranslationModels> models() {
        return rest.models();
    }

    /** The neurons its Cloudflare accounts spent today, for the status page. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<NeuronDay> neurons() {
        return rest.neurons();
    }

    /** Its readiness JSON; a 503 arrives as a {@link DownstreamException} that carries it. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<String> ready() {
        return rest.ready();
    }

    Uni<TranslationResult> untranslated(String text, boolean enhance, Throwable cause) {
        String reason = switch (cause) {
            case TimeoutException t -> "translation-service did not answer in time";
            case CircuitBreakerOpenException o -> "translation-service is failing; not asked for a while";
            case DownstreamException d -> "translation-service answered " + d.status() + ": " + d.getMessage();
            default -> "translation-service could not be reached";
        };
        Log.warnf("Using the original prompt: %s", reason);
        return Uni.createFrom().item(TranslationResult.untranslated(text, reason));
    }
}

package dev.fluxsuite.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Asks image-service for an image. Never retried: a generation that timed out may still have run and been
 * billed. The timeout is longer than image-service's own limits (120 s for the slowest family), so that its
 * precise error, not ours, speaks when Workers AI is slow. The breaker counts only what says image-service itself
 * is gone (no connection, no answer); its error answers (429, 502 …) are relayed and count as answers.
 */
@ApplicationScoped
public class ImageClient {

    private final ImageRestClient rest;
    private final ImageFetcher fetcher;

    ImageClient(ImageRestClient rest, ImageFetcher fetcher) {
        this.rest = rest;
        this.fetcher = fetcher;
    }

    @AsynchronousNonBlocking
    @Timeout(150_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, skipOn = DownstreamException.class)
    public Uni<RenderedImage> generate(ImageCall call) {
        return fetcher.generate(call);
    }

    /** Its model list; a few seconds at most, since it only feeds listings. */
    @AsynchronousNonBlocking
    @Timeout(5_000)
    public Uni<ModelLists.ImageModels> models() {
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
}

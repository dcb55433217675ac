package dev.fluxsuite.gateway.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * image-service's {@code POST /v1/images} on Vert.x's HTTP client ({@link ServiceHttp}). The REST client gathers
 * an answer into a buffer that grows by doubling and hands it out as a stream to be copied again: several copies of
 * every image, most of the gateway's garbage under load. Here the pieces are kept as they arrive, in the blocks the
 * connection read them into, and released when the answer has ended (see {@link ImageBuffers}). The whole image is
 * read before the call succeeds, so image-service failing halfway is a failure of the call (a 503 for the client),
 * never a truncated image.
 */
@Singleton
@Startup // made at start, so that a bad IMAGE_SERVICE_URL or GATEWAY_MAX_IMAGES_HELD stops the start
class ImageFetcher {

    /** Compiled once: {@code String.matches} compiles its pattern on every call, three times per image. */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");

    /**
     * Read blocks kept for reuse per image held: an image of some 300 KiB arrives in five 64 KiB blocks, and reads
     * under way take some more.
     */
    private static final int KEPT_READS_PER_IMAGE = 6;

    private final ServiceHttp service;
    private final ImageBudget budget;

    ImageFetcher(Vertx vertx, GatewayConfig config, ObjectMapper json, MeterRegistry meters) {
        if (config.maxImagesHeld() < 1) {
            throw new IllegalArgumentException("GATEWAY_MAX_IMAGES_HELD must be at least 1, not " + config.maxImagesHeld());
        }
        this.budget = new ImageBudget(config.maxImagesHeld());
        meters.gauge("images_held", budget, ImageBudget::held);
        this.service = new ServiceHttp(vertx, "image-service", "IMAGE_SERVICE_URL", config.imageServiceUrl(), json,
                config.maxImagesHeld() * KEPT_READS_PER_IMAGE);
    }

    Uni<RenderedImage> generate(ImageCall call) {
        RoutingContext caller = ImageBuffers.caller();
        return service.post("v1/images", call,
                (request, response, emitter, settle) -> read(response, caller, settle, emitter));
    }

    /** The images held now, read and not yet answered. */
    int held() {
        return budget.held();
    }

    private void read(HttpClientResponse response, RoutingContext caller, Runnable settle,
            UniEmitter<? super RenderedImage> emitter) {
        if (response.statusCode() >= 400) {
            service.fail(response, settle, emitter);
            return;
        }
        if (budget.admits(caller)) {
            gather(response, caller, settle, emitter);
            return;
        }
        // Left unread until there is room (see ImageBudget). A call that ends meanwhile (a timeout, a client that
        // left) fails the answer, and hands on its room if it had been given some.
        response.pause();
        Context context = Vertx.currentContext();
        AtomicBoolean ended = new AtomicBoolean();
        response.exceptionHandler(failure -> {
            ended.set(true);
            emitter.fail(failure);
        });
        budget.await(() -> {
            if (ended.get()) {
                return false;
            }
            context.runOnContext(room -> {
                if (ended.get()) {
                    budget.released();
                    return;
                }
                budget.holding(caller);
                gather(response, caller, settle, emitter);
                response.resume();
            });
            return true;
        });
    }

    /** Reads the image, counted as held ({@link ImageBudget}) until it is released. */
    private void gather(HttpClientResponse response, RoutingContext caller, Runnable settle,
            UniEmitter<? super RenderedImage> emitter) {
        // The handlers run one at a time. A reset of the call (a timeout, a client that left) ends it with an
        // exception, so the buffer goes back to the pool on every path but the one that hands it on.
        CompositeByteBuf image = ImageBuffers.gather(budget::released);
        AtomicBoolean handedOver = new AtomicBoolean();
        response.exceptionHandler(failure -> {
            if (!handedOver.get()) {
                image.release();
            }
            emitter.fail(failure);
        });
        response.handler(piece -> ImageBuffers.add(image, piece));
        response.endHandler(end -> {
            settle.run();
            handedOver.set(true);
            emitter.complete(image(response, ImageBuffers.keepFor(caller, image)));
        });
    }

    private static RenderedImage image(HttpClientResponse response, ByteBuf bytes) {
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        return new RenderedImage(bytes, type == null ? "application/octet-stream" : type.split(";", 2)[0].strip(),
                response.getHeader("X-Model"), response.getHeader("X-Upstream-Model"),
                (int) number(response, "X-Attempts", 1), number(response, "X-Seed", 0),
                response.getHeader("X-Image-Size"), neurons(response.getHeader("X-Neurons")));
    }

    /** image-service's estimate of the image's cost; 0 when it gave none. */
    private static double neurons(String value) {
        try {
            return value == null ? 0 : Math.max(0, Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static long number(HttpClientResponse response, String header, long otherwise) {
        String value = response.getHeader(header);
        return value != null && NUMBER.matcher(value).matches() ? Long.parseLong(value) : otherwise;
    }
}

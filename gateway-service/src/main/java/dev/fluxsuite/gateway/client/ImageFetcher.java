package dev.fluxsuite.gateway.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.gateway.rest.RequestIdFilter;
import dev.fluxsuite.io.LoopHttpClients;
import io.netty.buffer.ByteBuf;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * image-service's {@code POST /v1/images} on Vert.x's HTTP client rather than the REST client. The REST client gathers
 * an answer into a buffer that grows by doubling and hands it out as a stream to be copied again: several copies of
 * every image, most of the gateway's garbage under load. Here the pieces are gathered into a kept buffer as they
 * arrive, which is released when the answer has ended (see {@link ImageBuffers}). The whole image is
 * read before the call succeeds, so image-service failing halfway is a failure of the call (a 503 for the client),
 * never a truncated image.
 */
@Singleton
class ImageFetcher {

    private static final String SERVICE = "image-service";

    private final LoopHttpClients http;
    private final String path;
    private final ObjectMapper json;

    ImageFetcher(Vertx vertx, GatewayConfig config, ObjectMapper json) {
        URI base = ServiceUrl.of("IMAGE_SERVICE_URL", config.imageServiceUrl());
        boolean ssl = base.getScheme().equals("https");
        this.path = base.getRawPath() + "v1/images";
        this.json = json;
        this.http = new LoopHttpClients(vertx, new HttpClientOptions()
                .setSsl(ssl)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
                .setConnectTimeout((int) RestClientProducer.CONNECT_TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(RestClientProducer.CONNECTIONS));
    }

    Uni<RenderedImage> generate(ImageCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(path)
                .setIdleTimeout(RestClientProducer.READ_TIMEOUT.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        Object id = MDC.get(RequestIdFilter.KEY);
        if (id != null) {
            options.putHeader(RequestIdFilter.HEADER, id.toString());
        }
        Buffer body = body(call);
        RoutingContext caller = ImageBuffers.caller();
        return http.call(options, body,
                (request, response, emitter, settle) -> read(response, caller, settle, emitter));
    }

    private Buffer body(ImageCall call) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(call));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the image call cannot be written as JSON", e);
        }
    }

    private static void read(HttpClientResponse response, RoutingContext caller, Runnable settle,
            UniEmitter<? super RenderedImage> emitter) {
        if (response.statusCode() >= 400) {
            response.body().onSuccess(body -> {
                settle.run();
                emitter.fail(DownstreamException.from(SERVICE, response.statusCode(), body.toString(),
                        response.getHeader(HttpHeaders.RETRY_AFTER)));
            }).onFailure(emitter::fail);
            return;
        }
        // The handlers run one at a time. A reset of the call (a timeout, a client that left) ends it with an
        // exception, so the buffer goes back to the pool on every path but the one that hands it on.
        ByteBuf image = ImageBuffers.allocate();
        AtomicBoolean handedOver = new AtomicBoolean();
        response.exceptionHandler(failure -> {
            if (!handedOver.get()) {
                image.release();
            }
            emitter.fail(failure);
        });
        response.handler(piece -> {
            image.writeBytes(piece.getByteBuf());
            LoopHttpClients.consumed(piece);
        });
        response.endHandler(end -> {
            settle.run();
            handedOver.set(true);
            emitter.complete(image(response, ImageBuffers.keepFor(caller, image)));
        });
    }

    private static RenderedImage image(HttpClientResponse response, ByteBuffer bytes) {
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        return new RenderedImage(bytes, type == null ? "application/octet-stream" : type.split(";", 2)[0].strip(),
                response.getHeader("X-Model"), response.getHeader("X-Upstream-Model"),
                (int) number(response, "X-Attempts", 1), number(response, "X-Seed", 0),
                response.getHeader("X-Image-Size"));
    }

    private static long number(HttpClientResponse response, String header, long otherwise) {
        String value = response.getHeader(header);
        return value != null && value.matches("\\d{1,19}") ? Long.parseLong(value) : otherwise;
    }
}

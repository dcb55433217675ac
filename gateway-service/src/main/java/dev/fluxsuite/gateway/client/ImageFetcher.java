package dev.fluxsuite.gateway.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.gateway.rest.RequestIdFilter;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * image-service's {@code POST /v1/images} on Vert.x's HTTP client rather than the REST client. The REST client gathers
 * an answer into a buffer that grows by doubling and hands it out as a stream to be copied again: several copies of
 * every image, most of the gateway's garbage under load. Here the pieces are gathered off the heap as they arrive,
 * and the image stays there until it is written (see {@link dev.fluxsuite.gateway.Base64Image}). The whole image is
 * read before the call succeeds, so image-service failing halfway is a failure of the call (a 503 for the client),
 * never a truncated image.
 */
@Singleton
class ImageFetcher {

    private static final String SERVICE = "image-service";
    /** Most images are a few hundred KiB; the buffer grows from here as they arrive. */
    private static final int INITIAL_CAPACITY = 256 * 1024;

    private final HttpClient http;
    private final String path;
    private final ObjectMapper json;

    ImageFetcher(Vertx vertx, GatewayConfig config, ObjectMapper json) {
        URI base = ServiceUrl.of("IMAGE_SERVICE_URL", config.imageServiceUrl());
        boolean ssl = base.getScheme().equals("https");
        this.path = base.getRawPath() + "v1/images";
        this.json = json;
        this.http = vertx.createHttpClient(new HttpClientOptions()
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
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            AtomicBoolean over = new AtomicBoolean();
            AtomicBoolean ended = new AtomicBoolean();
            // A timeout or a client that left: the connection goes rather than carry an image nobody reads. Once the
            // answer has ended, the connection may already serve another call, which a reset would break.
            emitter.onTermination(() -> {
                over.set(true);
                HttpClientRequest request = sent.get();
                if (request != null && !ended.get()) {
                    request.reset();
                }
            });
            http.request(options).onSuccess(request -> {
                sent.set(request);
                if (over.get()) {
                    request.reset();
                    return;
                }
                request.send(body).onSuccess(response -> read(response, ended, emitter)).onFailure(emitter::fail);
            }).onFailure(emitter::fail);
        });
    }

    private Buffer body(ImageCall call) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(call));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the image call cannot be written as JSON", e);
        }
    }

    private static void read(HttpClientResponse response, AtomicBoolean ended,
            UniEmitter<? super RenderedImage> emitter) {
        if (response.statusCode() >= 400) {
            response.body().onSuccess(body -> {
                ended.set(true);
                emitter.fail(DownstreamException.from(SERVICE, response.statusCode(), body.toString(),
                        response.getHeader(HttpHeaders.RETRY_AFTER)));
            }).onFailure(emitter::fail);
            return;
        }
        Gathered image = new Gathered();
        response.exceptionHandler(emitter::fail);
        response.handler(image::add);
        response.endHandler(end -> {
            ended.set(true);
            emitter.complete(image(response, image.take()));
        });
    }

    /**
     * The pieces of an image, gathered off the heap while the rest arrives: under load an image takes hundreds of
     * milliseconds to arrive whole, and pieces held on the heap that long were what the collector spent its time
     * copying. The buffer is the JDK's, freed by the collector once the answer is written, so no path (a failure, a
     * client that left, a value that fault tolerance drops) has to remember to free it. Such buffers count against
     * {@code -XX:MaxDirectMemorySize} (the heap's size unless set); near it, the JDK asks for a full collection, so
     * the limit should leave room for a few seconds of images. Used on the connection's event loop only.
     */
    private static final class Gathered {

        private ByteBuffer bytes = ByteBuffer.allocateDirect(INITIAL_CAPACITY);

        void add(Buffer piece) {
            ByteBuffer next = piece.getByteBuf().nioBuffer();
            if (next.remaining() > bytes.remaining()) {
                ByteBuffer larger = ByteBuffer
                        .allocateDirect(Math.max(bytes.capacity() * 2, bytes.position() + next.remaining()));
                larger.put(bytes.flip());
                bytes = larger;
            }
            bytes.put(next);
        }

        ByteBuffer take() {
            return bytes.flip().asReadOnlyBuffer();
        }
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

package dev.fluxsuite.gateway.client;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.gateway.rest.RequestIdFilter;
import io.smallrye.mutiny.Uni;
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
 * {@code POST /v1/images} of image-service, with the image handed over while it still arrives: the REST client reads
 * every body whole into memory, and a thousand images in flight would be a heap of copies for the collector to
 * move. Error answers are small; they are read whole and become {@link DownstreamException}s.
 */
@ApplicationScoped
class ImageStreams {

    private final HttpClient http;
    private final URI base;
    private final ObjectMapper json;

    ImageStreams(Vertx vertx, GatewayConfig config, ObjectMapper json) {
        this.base = RestClientProducer.baseUri("IMAGE_SERVICE_URL", config.imageServiceUrl());
        this.json = json;
        boolean ssl = base.getScheme().equals("https");
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(ssl)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
                .setConnectTimeout(RestClientProducer.CONNECT_TIMEOUT_MILLIS),
                new PoolOptions().setHttp1MaxSize(RestClientProducer.CONNECTIONS));
    }

    Uni<StreamedImage> generate(ImageCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(base.getRawPath() + "v1/images")
                .setIdleTimeout(RestClientProducer.READ_TIMEOUT_MILLIS)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.ACCEPT, "image/png, image/jpeg, application/json");
        Object requestId = MDC.get(RequestIdFilter.KEY);
        if (requestId != null) {
            options.putHeader(RequestIdFilter.HEADER, requestId.toString());
        }
        Buffer body = body(call);
        return Uni.createFrom().<StreamedImage>emitter(emitter -> {
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            AtomicBoolean answered = new AtomicBoolean();
            AtomicBoolean over = new AtomicBoolean();
            // A timeout or a failure before the answer's head: the connection goes, rather than wait for an answer
            // nobody reads. After the head, the image's cancel does that.
            emitter.onTermination(() -> {
                over.set(true);
                HttpClientRequest request = sent.get();
                if (request != null && !answered.get()) {
                    request.reset();
                }
            });
            http.request(options).onSuccess(request -> {
                sent.set(request);
                if (over.get()) {
                    request.reset();
                    return;
                }
                request.send(body).onSuccess(response -> {
                    answered.set(true);
                    if (response.statusCode() >= 400) {
                        response.body().onSuccess(error -> emitter.fail(DownstreamException.from("image-service",
                                response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER), error.toString())))
                                .onFailure(emitter::fail);
                        return;
                    }
                    emitter.complete(image(request, response.pause()));
                }).onFailure(emitter::fail);
            }).onFailure(emitter::fail);
        });
    }

    private Buffer body(ImageCall call) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(call));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamedImage image(HttpClientRequest request, HttpClientResponse response) {
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        return new StreamedImage(type == null ? "application/octet-stream" : type.split(";", 2)[0].strip(),
                response.getHeader("X-Model"), response.getHeader("X-Upstream-Model"), number(response, "X-Attempts", 1),
                number(response, "X-Seed", 0L), response.getHeader("X-Image-Size"), response, () -> {
                    // Once the body has ended the connection may already serve another call, which a reset would break.
                    if (!response.end().isComplete()) {
                        request.reset();
                    }
                });
    }

    private static int number(HttpClientResponse response, String header, int otherwise) {
        return (int) number(response, header, (long) otherwise);
    }

    private static long number(HttpClientResponse response, String header, long otherwise) {
        String value = response.getHeader(header);
        return value != null && value.matches("\\d{1,19}") ? Long.parseLong(value) : otherwise;
    }
}

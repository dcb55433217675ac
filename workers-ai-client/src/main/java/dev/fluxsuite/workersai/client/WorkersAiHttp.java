package dev.fluxsuite.workersai.client;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.io.LoopHttpClients;
import dev.fluxsuite.io.Redacted;
import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.StreamDecoder;
import dev.fluxsuite.workersai.WorkersAiResponse;
import dev.fluxsuite.workersai.config.CloudflareConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Runs models on Vert.x's HTTP client, one per event loop ({@link LoopHttpClients}). Image answers are handed over
 * while the body still arrives: the REST client reads every body whole into memory, which for a thousand images in
 * flight is a heap of copies that the collector then has to move. JSON answers (chat, translation) are read whole
 * here too: through the REST client, each call also went through its handler chain, context propagation and a
 * Jackson writer that parses the method's parameter annotations again on every call: about 40 % of
 * translation-service's CPU per prompt. Base URL, timeouts and connection bound come from {@link CloudflareConfig},
 * the bound per event loop. Error answers are read whole and classified ({@link UpstreamErrorClassifier}).
 */
@ApplicationScoped
@Startup // made at start, so that a CF_API_BASE_URL that is not a URL stops the start
class WorkersAiHttp {

    /**
     * Read blocks kept for reuse (24 MiB at most): every piece of an answer goes back as soon as it is decoded or
     * copied, so only the reads of one burst are out at once. A short answer (a translation) gives its block back
     * within its read, so few are ever kept for it; an image's blocks wait while its pieces are decoded and written.
     * At 128 (in the heap then), the blocks of a burst of images beyond the bound were a fifth of image-service's
     * allocation; blocks beyond it are fresh memory, freed once given back.
     */
    private static final int KEPT_READS = 384;
    private final ObjectMapper json;
    private final LoopHttpClients http;
    private final URI base;
    private final long readTimeout;

    WorkersAiHttp(Vertx vertx, CloudflareConfig config, ObjectMapper json) {
        this.json = json;
        this.base = baseUri(config);
        this.readTimeout = config.http().readTimeout().toMillis();
        boolean ssl = base.getScheme().equals("https");
        this.http = new LoopHttpClients(vertx, new HttpClientOptions()
                .setSsl(ssl)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
                .setConnectTimeout((int) config.http().connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.http().maxConnections()), KEPT_READS);
    }

    /** Runs a model and decodes its answer as it arrives. */
    <T> Uni<T> run(Account account, String model, Map<String, ?> input, StreamDecoder<T> decoder) {
        return exchange(account, model, input).flatMap(exchange -> exchange.read(decoder));
    }

    /** Runs a model and reads its answer whole. */
    Uni<WorkersAiResponse> run(Account account, String model, Map<String, ?> input) {
        return exchange(account, model, input).flatMap(Exchange::whole);
    }

    private Uni<Exchange> exchange(Account account, String model, Map<String, ?> input) {
        Buffer body = body(input);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(base.getRawPath() + "/accounts/" + account.id() + "/ai/run/" + model)
                .setIdleTimeout(readTimeout)
                .putHeader(HttpHeaders.AUTHORIZATION, account.bearer())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.ACCEPT, "*/*");
        // After the head, the reader of the body resets the request when it leaves.
        return http.call(options, body, (request, response, emitter, settle) -> {
            settle.run();
            emitter.complete(new Exchange(request, response));
        });
    }

    private Buffer body(Map<String, ?> input) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(input));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the model input cannot be written as JSON", e);
        }
    }

    /** {@code CF_API_BASE_URL} without a trailing slash. */
    static URI baseUri(CloudflareConfig config) {
        String base = config.apiBaseUrl().strip();
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CF_API_BASE_URL is not a URL: " + Redacted.problem(e));
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("CF_API_BASE_URL must start with http:// or https://");
        }
        return uri;
    }

    /** A request and the head of its answer. */
    private record Exchange(HttpClientRequest request, HttpClientResponse response) {

        <T> Uni<T> read(StreamDecoder<T> decoder) {
            if (response.statusCode() >= 400) {
                // Read whole, it fails with what it says.
                return whole().flatMap(ignored -> Uni.createFrom().<T> nullItem());
            }
            response.pause();
            return decoder.decode(mediaType(), response, this::cancel);
        }

        /** The whole answer; an error answer fails with what it says. A caller that leaves lets the connection go. */
        Uni<WorkersAiResponse> whole() {
            return Uni.createFrom().emitter(emitter -> {
                emitter.onTermination(this::cancel);
                LoopHttpClients.body(response).onSuccess(body -> {
                    if (response.statusCode() >= 400) {
                        emitter.fail(UpstreamErrorClassifier.classify("Workers AI", response.statusCode(),
                                response.getHeader(HttpHeaders.RETRY_AFTER), body.toString()));
                    } else {
                        emitter.complete(new WorkersAiResponse(mediaType(), body.getBytes()));
                    }
                }).onFailure(emitter::fail);
            });
        }

        private String mediaType() {
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            return type == null ? "application/octet-stream" : type.split(";", 2)[0].strip().toLowerCase();
        }

        /** Lets the connection go, unless the body has ended: it may then serve another call already. */
        private void cancel() {
            if (!response.end().isComplete()) {
                request.reset();
            }
        }
    }
}

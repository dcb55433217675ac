package dev.fluxsuite.workersai.client;

import java.net.URI;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.io.LoopHttpClients;
import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.StreamDecoder;
import dev.fluxsuite.workersai.config.CloudflareConfig;
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
 * Runs a model and hands its answer over while the body still arrives, for image answers: the REST client reads
 * every body whole into memory, which for a thousand images in flight is a heap of copies that the collector then
 * has to move. Same base URL, timeouts and connection bound as the REST client ({@link CloudflareConfig}), the bound
 * per event loop ({@link LoopHttpClients}); error answers are small and are read whole and classified as the REST
 * client's are.
 */
@ApplicationScoped
class WorkersAiStreams {

    private final ObjectMapper json;
    private final LoopHttpClients http;
    private final URI base;
    private final long readTimeout;

    WorkersAiStreams(Vertx vertx, CloudflareConfig config, ObjectMapper json) {
        this.json = json;
        this.base = WorkersAiRestClientProducer.baseUri(config);
        this.readTimeout = config.http().readTimeout().toMillis();
        boolean ssl = base.getScheme().equals("https");
        this.http = new LoopHttpClients(vertx, new HttpClientOptions()
                .setSsl(ssl)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
                .setConnectTimeout((int) config.http().connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.http().maxConnections()));
    }

    <T> Uni<T> run(Account account, String model, Map<String, ?> input, StreamDecoder<T> decoder) {
        Buffer body = body(input);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(base.getRawPath() + "/accounts/" + account.id() + "/ai/run/" + model)
                .setIdleTimeout(readTimeout)
                .putHeader(HttpHeaders.AUTHORIZATION, account.bearer())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.ACCEPT, "*/*");
        // After the head, the decoder's cancel resets the request when its reader leaves.
        return http.<Exchange>call(options, body, (request, response, emitter, settle) -> {
            settle.run();
            emitter.complete(new Exchange(request, response));
        }).flatMap(exchange -> exchange.read(decoder));
    }

    private Buffer body(Map<String, ?> input) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(input));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the model input cannot be written as JSON", e);
        }
    }

    /** A request and the head of its answer. */
    private record Exchange(HttpClientRequest request, HttpClientResponse response) {

        <T> Uni<T> read(StreamDecoder<T> decoder) {
            if (response.statusCode() >= 400) {
                return Uni.createFrom().completionStage(response.body().toCompletionStage())
                        .flatMap(body -> Uni.createFrom().failure(UpstreamErrorClassifier.classify("Workers AI",
                                response.statusCode(), response.getHeader(HttpHeaders.RETRY_AFTER), body.toString())));
            }
            response.pause();
            String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
            String mediaType = type == null ? "application/octet-stream" : type.split(";", 2)[0].strip().toLowerCase();
            // Once the body has ended the connection may already serve another call, which a reset would break.
            return decoder.decode(mediaType, response, () -> {
                if (!response.end().isComplete()) {
                    request.reset();
                }
            });
        }
    }
}

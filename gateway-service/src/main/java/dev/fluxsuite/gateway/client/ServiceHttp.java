package dev.fluxsuite.gateway.client;

import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;

import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.rest.RequestIdFilter;
import dev.fluxsuite.io.LoopHttpClients;
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

/**
 * The calls made to a service for every generation, on Vert.x's HTTP client, one per event loop
 * ({@link LoopHttpClients}). Through the REST client, each call also went through its handler chain, context
 * propagation, and a Jackson writer that parses the method's parameter annotations again on every call. The request
 * id goes along, as with the REST clients ({@link RequestIdPropagation}); error answers become
 * {@link DownstreamException}s, as theirs do.
 */
final class ServiceHttp {

    private final String service;
    private final String basePath;
    private final LoopHttpClients http;
    private final ObjectMapper json;

    /**
     * @param service the service's name, for messages
     * @param variable the variable its URL comes from, for messages
     * @param keptReads read blocks kept for reuse ({@link LoopHttpClients})
     */
    ServiceHttp(Vertx vertx, String service, String variable, String url, ObjectMapper json, int keptReads) {
        URI base = ServiceUrl.of(variable, url);
        boolean ssl = base.getScheme().equals("https");
        this.service = service;
        this.basePath = base.getRawPath();
        this.json = json;
        this.http = new LoopHttpClients(vertx, new HttpClientOptions()
                .setSsl(ssl)
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80)
                .setConnectTimeout((int) RestClientProducer.CONNECT_TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(RestClientProducer.CONNECTIONS), keptReads);
    }

    /** POSTs {@code body} in JSON to {@code path} (below the service's URL) and hands the answer to {@code reader}. */
    <T> Uni<T> post(String path, Object body, LoopHttpClients.Reader<T> reader) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(basePath + path)
                .setIdleTimeout(RestClientProducer.READ_TIMEOUT.toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        Object id = MDC.get(RequestIdFilter.KEY);
        if (id != null) {
            options.putHeader(RequestIdFilter.HEADER, id.toString());
        }
        Buffer bytes;
        try {
            bytes = Buffer.buffer(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the call to " + service + " cannot be written as JSON", e);
        }
        return http.call(options, bytes, reader);
    }

    /** POSTs {@code body} in JSON to {@code path} and reads the answer, JSON, as a {@code type}. */
    <T> Uni<T> post(String path, Object body, Class<T> type) {
        return post(path, body, (request, response, emitter, settle) -> readWhole(response, settle, emitter, text -> {
            try {
                emitter.complete(json.readValue(text.getBytes(), type));
            } catch (IOException e) {
                emitter.fail(new DownstreamException(response.statusCode(), "malformed_answer",
                        "an answer that is not the JSON expected", null));
            }
        }));
    }

    /** Fails the call with an error answer (400 and above), once read whole. */
    void fail(HttpClientResponse response, Runnable settle, UniEmitter<?> emitter) {
        readWhole(response, settle, emitter, body -> emitter.fail(new IllegalStateException(
                service + " answered " + response.statusCode() + ", which is not an error")));
    }

    /** Reads an answer whole and gives it to {@code whole}; an error answer fails the call instead. */
    private void readWhole(HttpClientResponse response, Runnable settle, UniEmitter<?> emitter,
            Consumer<Buffer> whole) {
        LoopHttpClients.body(response).onSuccess(body -> {
            settle.run();
            if (response.statusCode() >= 400) {
                emitter.fail(DownstreamException.from(service, response.statusCode(), body.toString(),
                        response.getHeader(HttpHeaders.RETRY_AFTER)));
            } else {
                whole.accept(body);
            }
        }).onFailure(emitter::fail);
    }
}

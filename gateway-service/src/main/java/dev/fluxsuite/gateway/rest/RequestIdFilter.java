package dev.fluxsuite.gateway.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerResponse;

/**
 * Accepts the client's {@code X-Request-Id} or makes one, puts it in every log line of the request (MDC
 * {@value #KEY}), passes it to both services (see {@code RequestIdPropagation}) and returns it in the answer. A
 * malformed id is replaced, so that nothing a client sends can forge log lines.
 */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Sets the answer's header at once, on the HTTP response itself, so that streamed answers carry it too. */
    @ServerRequestFilter(preMatching = true)
    public void accept(ContainerRequestContext request, HttpServerResponse response) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && WELL_FORMED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(KEY, id);
        response.putHeader(HEADER, id);
    }
}

package dev.fluxsuite.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.fluxsuite.gateway.config.GatewayConfig;

/**
 * Refuses a body longer than {@code gateway.max-body-size} before it is read, with a 413 that says the limit. HTTP's
 * own limit ({@code quarkus.http.limits.max-body-size}) is set higher and only catches bodies sent without a length.
 */
public class BodySizeFilter {

    private final long limit;

    BodySizeFilter(GatewayConfig config) {
        this.limit = config.maxBodySize().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("\\d{1,18}") || Long.parseLong(length) <= limit) {
            return null;
        }
        return ErrorShape.forPath(request.getUriInfo().getPath()).response(new Failure(413, "body_too_large",
                "The body has " + length + " bytes; at most " + limit + " are taken. Shorten the prompt or the conversation",
                null, null));
    }
}

package dev.fluxsuite.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.fluxsuite.gateway.service.ApiKeys;

/**
 * Refuses a call to a {@link RequiresApiKey} endpoint without a valid key, with 401 in the shape of the API called.
 * The message says what is wrong and never repeats what was sent.
 */
@Provider
@RequiresApiKey
public class ApiKeyFilter implements ContainerRequestFilter {

    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String problem = problem(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (problem != null) {
            ErrorShape shape = ErrorShape.forPath(request.getUriInfo().getPath());
            request.abortWith(shape.response(new Failure(401, "invalid_api_key", problem, null, null)));
        }
    }

    private String problem(String authorization) {
        if (!keys.configured()) {
            return "This gateway has no API key configured (API_KEY), so it refuses every call that generates";
        }
        if (authorization == null || authorization.isBlank()) {
            return "Missing API key: send the header Authorization: Bearer <your key>";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Malformed Authorization header: it must be 'Bearer <your key>'";
        }
        return keys.accepts(authorization.substring(7).strip()) ? null : "Invalid API key";
    }
}

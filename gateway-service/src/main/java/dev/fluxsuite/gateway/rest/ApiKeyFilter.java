package dev.fluxsuite.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.fluxsuite.gateway.service.Consumer;
import dev.fluxsuite.gateway.service.Consumers;

/**
 * Refuses a call to a {@link RequiresApiKey} endpoint without a valid key, with 401 in the shape of the API called,
 * and tells the others' consumer to the {@link Caller}. The message says what is wrong and never repeats what was sent.
 */
@Provider
@RequiresApiKey
public class ApiKeyFilter implements ContainerRequestFilter {

    private final Consumers consumers;
    private final Caller caller;

    ApiKeyFilter(Consumers consumers, Caller caller) {
        this.consumers = consumers;
        this.caller = caller;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String problem = problem(authorization);
        if (problem != null) {
            ErrorShape shape = ErrorShape.forPath(request.getUriInfo().getPath());
            request.abortWith(shape.response(new Failure(401, "invalid_api_key", problem, null, null)));
        }
    }

    /** What is wrong with the header, or null once the caller is identified. */
    private String problem(String authorization) {
        if (!consumers.configured()) {
            return "This gateway has no API key configured (API_KEY or API_CONSUMERS), so it refuses every call "
                    + "that generates";
        }
        if (authorization == null || authorization.isBlank()) {
            return "Missing API key: send the header Authorization: Bearer <your key>";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Malformed Authorization header: it must be 'Bearer <your key>'";
        }
        Consumer consumer = consumers.identify(authorization.substring(7).strip()).orElse(null);
        if (consumer == null) {
            return "Invalid API key";
        }
        caller.identified(consumer);
        return null;
    }
}

package dev.fluxsuite.gateway.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.MDC;

import dev.fluxsuite.gateway.rest.RequestIdFilter;

/** Sends the request id of the call being served to translation-service and image-service. */
class RequestIdPropagation implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        Object id = MDC.get(RequestIdFilter.KEY);
        if (id != null) {
            request.getHeaders().putSingle(RequestIdFilter.HEADER, id.toString());
        }
    }
}

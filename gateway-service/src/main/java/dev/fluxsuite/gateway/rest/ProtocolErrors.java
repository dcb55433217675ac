package dev.fluxsuite.gateway.rest;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Requests that match no endpoint, in the error shape of the API they aimed at, with a message that says what to
 * send instead (the framework's own answers have no body).
 */
public class ProtocolErrors {

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allowed = String.join(", ", e.getResponse().getAllowedMethods());
        Response answer = shape(uri).response(new Failure(405, "method_not_allowed",
                "/" + uri.getPath().replaceFirst("^/", "") + " takes " + allowed, null, null));
        return Response.fromResponse(answer).header(HttpHeaders.ALLOW, allowed).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return shape(uri).response(new Failure(415, "unsupported_media_type",
                "The body must be JSON, sent with Content-Type: application/json", null, null));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return shape(uri).response(new Failure(406, "not_acceptable",
                "This endpoint answers JSON or server-sent events; accept one of them", null, null));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return shape(uri).response(new Failure(404, "not_found",
                "No such endpoint; see /q/openapi for the API", null, null));
    }

    private static ErrorShape shape(UriInfo uri) {
        return ErrorShape.forPath(uri.getPath());
    }
}

package dev.fluxsuite.workersai.rest;

import static dev.fluxsuite.workersai.rest.ErrorResponses.error;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Bad requests in the {@link ApiError} shape, for every service that uses this library: a body that is not
 * JSON, a field of the wrong type (named), a broken constraint (its message), and the HTTP errors Quarkus
 * raises itself (unknown path, wrong method or media type). Never a stack trace.
 */
public class RequestErrorMapper {

    @ServerExceptionMapper
    public Response invalidRequest(ResteasyReactiveViolationException e) {
        String message = e.getConstraintViolations().stream().map(ConstraintViolation::getMessage).sorted()
                .collect(Collectors.joining("; "));
        return error(400, "invalid_request", message);
    }

    /** Named apart from its supertype because Quarkus has a built-in mapper for this one, which would win. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return mappingProblem(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !(e instanceof JsonParseException)) {
            return mappingProblem(mapping);
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return error(400, "invalid_json", "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's own exception.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return error(status, code, status >= 500 ? "Internal error" : e.getMessage());
    }

    private static Response mappingProblem(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String message = field.isEmpty() ? "The body must be a JSON object"
                : "'" + field + "' has the wrong type: " + e.getOriginalMessage().split("\n")[0];
        return error(400, "invalid_json", message);
    }
}

package dev.fluxsuite.translation.client;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fluxsuite.workersai.client.UpstreamErrorClassifier;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** An OpenAI-compatible chat completions endpoint. Errors become the same typed exceptions as Workers AI's. */
@Path("/chat/completions")
public interface ExternalChatRestClient {

    /** @param authorization {@code Bearer <key>}, or null for a server that wants no key */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> complete(@HeaderParam("Authorization") String authorization, Map<String, ?> body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamErrorClassifier.classify("The external chat API", response);
    }
}

package dev.fluxsuite.workersai.client;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * The Workers AI REST API of one account, for answers read whole into memory (the JSON envelopes of chat and
 * translation models), without holding a thread while Workers AI works. Images go through {@link WorkersAiStreams}.
 */
@Path("/accounts/{accountId}/ai")
interface WorkersAiRestClient {

    /**
     * Runs a model. Flux and the chat models answer the JSON envelope, the Stable Diffusion family raw image
     * bytes; statuses of 400 and above become typed {@link dev.fluxsuite.workersai.WorkersAiException}s.
     *
     * @param model the {@code @cf/…} id, sent unescaped because Cloudflare routes on its slashes
     */
    @POST
    @Path("/run/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> run(@PathParam("accountId") String accountId, @PathParam("model") @Encoded String model,
            @HeaderParam("Authorization") String authorization, Map<String, ?> input);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamErrorClassifier.classify("Workers AI", response);
    }
}

package dev.fluxsuite.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** translation-service. */
@Path("/")
public interface TranslationRestClient {

    @POST
    @Path("v1/translations")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<TranslationResult> translate(TranslationCall call);

    @GET
    @Path("v1/models")
    Uni<ModelLists.TranslationModels> models();

    /** Its readiness, as JSON; 503 arrives as a {@link DownstreamException}. */
    @GET
    @Path("q/health/ready")
    Uni<String> ready();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return DownstreamException.from("translation-service", response);
    }
}

package dev.fluxsuite.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** translation-service, for what is not asked for every generation (translations go through {@link ServiceHttp}). */
@Path("/")
public interface TranslationRestClient {

    @GET
    @Path("v1/models")
    Uni<ModelLists.TranslationModels> models();

    /** The neurons its Cloudflare accounts spent today. */
    @GET
    @Path("v1/neurons")
    Uni<NeuronDay> neurons();

    /** Its readiness, as JSON; 503 arrives as a {@link DownstreamException}. */
    @GET
    @Path("q/health/ready")
    Uni<String> ready();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return DownstreamException.from("translation-service", response);
    }
}

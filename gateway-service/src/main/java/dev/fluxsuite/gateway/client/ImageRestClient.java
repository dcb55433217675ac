package dev.fluxsuite.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** image-service's small answers; the images come through {@link ImageFetcher}. */
@Path("/")
public interface ImageRestClient {

    @GET
    @Path("v1/models")
    Uni<ModelLists.ImageModels> models();

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
        return DownstreamException.from("image-service", response);
    }
}

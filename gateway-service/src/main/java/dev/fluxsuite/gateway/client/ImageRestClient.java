package dev.fluxsuite.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/** image-service. */
@Path("/")
public interface ImageRestClient {

    /** The image bytes, with X-Model, X-Upstream-Model, X-Attempts, X-Seed and X-Image-Size. */
    @POST
    @Path("v1/images")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> generate(ImageCall call);

    @GET
    @Path("v1/models")
    Uni<ModelLists.ImageModels> models();

    /** Its readiness, as JSON; 503 arrives as a {@link DownstreamException}. */
    @GET
    @Path("q/health/ready")
    Uni<String> ready();

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return DownstreamException.from("image-service", response);
    }
}

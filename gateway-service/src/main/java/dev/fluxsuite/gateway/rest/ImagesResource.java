package dev.fluxsuite.gateway.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fluxsuite.gateway.service.ImageStore;
import io.smallrye.mutiny.Uni;

/** Generated images by URL. Open: the 128-bit id is the permission. */
@Path("/images")
@Tag(name = "Images by URL")
public class ImagesResource {

    private final ImageStore store;

    ImagesResource(ImageStore store) {
        this.store = store;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A generated image, for IMAGE_EXPIRATION seconds after it was made")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "404", description = "No such image, or it expired")
    @APIResponse(responseCode = "503", description = "The image may be in Redis, which cannot be asked now")
    public Uni<Response> image(@PathParam("id") String id) {
        return store.get(id).map(found -> found.map(image -> Response.ok(image.bytes(), image.contentType())
                .header("Cache-Control", "private, max-age="
                        + Math.max(0, Duration.between(Instant.now(), image.expires()).toSeconds()))
                .header("X-Content-Type-Options", "nosniff")
                .build())
                .orElseGet(() -> ErrorShape.SEED.response(new Failure(404, "image_not_found",
                        "No such image: it never existed or has expired", null, null))))
                .onFailure().recoverWithItem(failure -> ErrorShape.SEED.response(Failure.of(failure)));
    }
}

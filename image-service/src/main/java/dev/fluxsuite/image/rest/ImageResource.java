package dev.fluxsuite.image.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fluxsuite.image.ImageRequest;
import dev.fluxsuite.image.ModelList;
import dev.fluxsuite.image.service.CatalogModel;
import dev.fluxsuite.image.service.Family;
import dev.fluxsuite.image.service.ImageResult;
import dev.fluxsuite.image.service.ImageService;
import dev.fluxsuite.image.service.ModelCatalog;
import io.smallrye.mutiny.Uni;

/** Text to image, and the catalogue of models. */
@Path("/v1")
@Tag(name = "Images")
public class ImageResource {

    private final ImageService images;
    private final ModelCatalog catalog;

    ImageResource(ImageService images, ModelCatalog catalog) {
        this.images = images;
        this.catalog = catalog;
    }

    @POST
    @Path("/images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ "image/png", "image/jpeg", MediaType.APPLICATION_JSON })
    @Operation(summary = "Generate an image", description = "Answers the image itself. X-Model names the model that made "
            + "it (another than asked when a fallback model stepped in), X-Upstream-Model its Workers AI id, X-Attempts "
            + "the upstream tries, X-Seed the seed, X-Neurons its estimated cost in neurons.")
    @APIResponse(responseCode = "200", description = "The image", content = { @Content(mediaType = "image/png"),
            @Content(mediaType = "image/jpeg") }, headers = { @Header(name = "X-Model"), @Header(name = "X-Upstream-Model"),
                    @Header(name = "X-Attempts"), @Header(name = "X-Seed"),
                    @Header(name = "X-Neurons") })
    @APIResponse(responseCode = "400", description = "A value outside the model's limits", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "steps", value = "{\"error\":{\"code\":"
            + "\"invalid_parameter\",\"message\":\"steps must be between 1 and 8 for FLUX.1-Schnell-CF, not 50\"}}")))
    @APIResponse(responseCode = "404", description = "Unknown model; the message lists the available ones")
    @APIResponse(responseCode = "429", description = "Every account is rate-limited or out of its daily allocation; "
            + "Retry-After says when the first returns")
    @APIResponse(responseCode = "502", description = "Workers AI failed, or answered something that is not an image")
    @APIResponse(responseCode = "503", description = "No account configured, the model's breaker is open, or this "
            + "instance is at its limit of concurrent generations")
    @APIResponse(responseCode = "504", description = "Workers AI did not answer in time")
    public Uni<Response> generate(
            @Valid @NotNull(message = "a JSON body with at least a prompt is required") ImageRequest request) {
        return images.generate(request).map(ImageResource::toResponse);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models, with their defaults and limits")
    public ModelList models() {
        return new ModelList(catalog.all().stream().map(this::describe).toList());
    }

    private ModelList.Model describe(CatalogModel model) {
        Family family = model.family();
        ModelList.Guidance guidance = family.takesGuidance()
                ? new ModelList.Guidance(family.minGuidance(), family.maxGuidance(), family.defaultGuidance())
                : null;
        return new ModelList.Model(model.alias(), catalog.displayName(model), model.upstreamModel(), family.id(),
                model.defaultSteps(), family.maxSteps(),
                new ModelList.Sizes(family.minSize(), family.maxSize(), family.defaultSize(),
                        family.sized() ? Family.SIZE_MULTIPLE : 0),
                guidance, family.takesNegativePrompt(), family.output());
    }

    private static Response toResponse(ImageResult result) {
        return Response.ok(result.image(), result.image().format().mediaType())
                .header("X-Model", result.model().alias())
                .header("X-Upstream-Model", result.model().upstreamModel())
                .header("X-Attempts", result.attempts())
                .header("X-Seed", result.seed())
                .header("X-Image-Size", result.width() + "x" + result.height())
                .header("X-Neurons", result.neurons())
                .build();
    }
}

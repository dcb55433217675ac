package dev.fluxsuite.gateway.rest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.fluxsuite.gateway.SeedApi;
import dev.fluxsuite.gateway.client.RenderedImage;
import dev.fluxsuite.gateway.service.Admission;
import dev.fluxsuite.gateway.service.BadRequestException;
import dev.fluxsuite.gateway.service.Budgets;
import dev.fluxsuite.gateway.service.Generation;
import dev.fluxsuite.gateway.service.GenerationRequest;
import dev.fluxsuite.gateway.service.GenerationService;
import dev.fluxsuite.gateway.service.ModelDirectory;
import dev.fluxsuite.gateway.service.Prepared;
import dev.fluxsuite.gateway.service.Progress;
import dev.fluxsuite.gateway.service.Prompts;
import dev.fluxsuite.gateway.service.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;

/** The seed's API, wire-compatible: a client of the seed changes nothing but the address. */
@Path("/api")
@Tag(name = "Seed API")
public class SeedResource {

    private final GenerationService generations;
    private final ModelDirectory models;
    private final Budgets budgets;
    private final Caller caller;

    SeedResource(GenerationService generations, ModelDirectory models, Budgets budgets, Caller caller) {
        this.generations = generations;
        this.models = models;
        this.budgets = budgets;
        this.caller = caller;
    }

    @POST
    @Path("/image")
    @RequiresApiKey
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    @Operation(summary = "Generate an image from the last user message", description = "Answers {prompt, translatedPrompt, "
            + "image (base64)} and more; with stream=true, server-sent events: progress (translating, translated, "
            + "generating), then result, or error.")
    @APIResponse(responseCode = "200", description = "The image, or the event stream")
    @APIResponse(responseCode = "400", description = "No prompt, a bad size or value; {\"error\", \"code\"}")
    @APIResponse(responseCode = "401", description = "Missing or wrong API key")
    @APIResponse(responseCode = "404", description = "Unknown model; the message lists the available ones")
    @APIResponse(responseCode = "429", description = "The key's limit (rate_limited, daily_budget_exhausted) or every "
            + "Cloudflare account is out for now; Retry-After says how long")
    @APIResponse(responseCode = "503", description = "image-service cannot be reached")
    public Uni<Response> image(SeedApi.ImageRequest body) {
        Uni<Response> reply = Uni.createFrom().deferred(() -> {
            SeedApi.ImageRequest request = required(body);
            GenerationRequest generation = new GenerationRequest(
                    Prompts.lastUserText(request.messages(), SeedApi.Message::role, SeedApi.Message::content),
                    request.model(), request.size(), request.steps(), request.seed(), request.negativePrompt(),
                    Boolean.TRUE.equals(request.enhance()));
            boolean stream = Boolean.TRUE.equals(request.stream());
            return budgets.admit(caller.consumer(), 1).chain(admission -> stream
                    ? Uni.createFrom().item(Reply.events(stream(generation, admission)))
                    : answer(generation, admission));
        });
        return Reply.send(reply, ErrorShape.SEED);
    }

    @POST
    @Path("/generate-image")
    @RequiresApiKey
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate an image from {prompt, model}", description = "Answers as POST /api/image does.")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "400", description = "No prompt, a bad size or value")
    @APIResponse(responseCode = "401", description = "Missing or wrong API key")
    public Uni<Response> generateImage(SeedApi.GenerateImageRequest body) {
        Uni<Response> reply = Uni.createFrom().deferred(() -> {
            SeedApi.GenerateImageRequest request = required(body);
            GenerationRequest generation = new GenerationRequest(request.prompt(), request.model(), request.size(),
                    request.steps(), request.seed(), request.negativePrompt(), Boolean.TRUE.equals(request.enhance()));
            return budgets.admit(caller.consumer(), 1).chain(admission -> answer(generation, admission));
        });
        return Reply.send(reply, ErrorShape.SEED);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The image models and the translation models", description = "Open, as in the seed. When a "
            + "service does not answer, the other's list comes with a warning.")
    public Uni<SeedApi.Models> models() {
        return models.catalog().map(c -> new SeedApi.Models(c.imageModels(), c.translationModels(), c.warnings()));
    }

    @GET
    @Path("/usage")
    @RequiresApiKey
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The calling key's use today", description = "Requests, images and estimated neurons of the "
            + "UTC day, the key's limits, what they leave, and when the day resets.")
    @APIResponse(responseCode = "200", description = "{consumer, day, resetsAt, requests, images, neurons, limits, left}")
    @APIResponse(responseCode = "401", description = "Missing or wrong API key")
    public Uni<Usage> usage() {
        return budgets.usage(caller.consumer());
    }

    @ServerExceptionMapper
    public Response error(Exception e) {
        return ErrorShape.SEED.response(Failure.of(e));
    }

    /**
     * The image is read whole before the answer starts, so that image-service failing halfway is still a clean 503
     * rather than a broken answer.
     */
    private Uni<Response> answer(GenerationRequest request, Admission admission) {
        long start = System.nanoTime();
        return generations.generate(request, Progress.NONE, admission)
                // The image in base64, and room for the other fields.
                .map(generation -> Reply.json(response(generation, start),
                        generation.image().bytes().readableBytes() / 3 * 4 + 4096));
    }

    private Multi<String> stream(GenerationRequest request, Admission admission) {
        long start = System.nanoTime();
        return Multi.createFrom().emitter(emitter -> generations
                .generate(request, new EventProgress(emitter.onTermination(admission::failed)), admission)
                .subscribe().with(generation -> {
                    // A client that left has cancelled the stream, and its image went back with its connection.
                    if (!emitter.isCancelled()) {
                        emitter.emit(Reply.event("result", response(generation, start)));
                    }
                    emitter.complete();
                }, failure -> {
                    emitter.emit(Reply.event("error", ErrorShape.SEED.body(Failure.of(failure))));
                    emitter.complete();
                }));
    }

    static SeedApi.ImageResponse response(Generation generation, long start) {
        Prepared prepared = generation.prepared();
        RenderedImage image = generation.image();
        var translation = prepared.translation();
        return new SeedApi.ImageResponse(prepared.prompt(), prepared.promptUsed(), image.bytes(), image.model(),
                image.upstreamModel(), image.contentType(), image.seed(), image.size(),
                new SeedApi.Translation(translation.provider(), translation.model(), translation.sourceLanguage(),
                        translation.enhanced(), translation.cached(), translation.fallback(), translation.fallbackReason()),
                image.attempts(), Duration.ofNanos(System.nanoTime() - start).toMillis(), image.neurons());
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw new BadRequestException(null, "missing_body", "A JSON body is required");
        }
        return body;
    }

    /** Progress as {@code event: progress} server-sent events. */
    private record EventProgress(MultiEmitter<? super String> emitter) implements Progress {

        @Override
        public void translating(String prompt) {
            emitter.emit(Reply.event("progress", Map.of("stage", "translating", "prompt", prompt)));
        }

        @Override
        public void translated(Prepared prepared) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("stage", "translated");
            data.put("translatedPrompt", prepared.promptUsed());
            data.put("provider", prepared.translation().provider());
            data.put("fallback", prepared.translation().fallback());
            emitter.emit(Reply.event("progress", data));
        }

        @Override
        public void generating(Prepared prepared) {
            emitter.emit(Reply.event("progress", Map.of("stage", "generating", "model", prepared.model().id())));
        }
    }
}

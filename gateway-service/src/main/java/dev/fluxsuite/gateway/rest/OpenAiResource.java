package dev.fluxsuite.gateway.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.fluxsuite.gateway.OpenAiApi;
import dev.fluxsuite.gateway.config.GatewayConfig;
import dev.fluxsuite.gateway.service.BadRequestException;
import dev.fluxsuite.gateway.service.Budgets;
import dev.fluxsuite.gateway.service.Generation;
import dev.fluxsuite.gateway.service.GenerationRequest;
import dev.fluxsuite.gateway.service.GenerationService;
import dev.fluxsuite.gateway.service.ImageStore;
import dev.fluxsuite.gateway.service.ModelDirectory;
import dev.fluxsuite.gateway.service.Progress;
import dev.fluxsuite.gateway.service.Prompts;
import io.smallrye.mutiny.Uni;

/**
 * The OpenAI-compatible API: images, chat completions (the image as Markdown), models. An OpenAI SDK or a chat
 * front end adds the gateway as a provider and gets images. Errors come in OpenAI's shape.
 */
@Path("/v1")
@Tag(name = "OpenAI-compatible API")
public class OpenAiResource {

    private static final long STARTED = Instant.now().getEpochSecond();

    private final GenerationService generations;
    private final ModelDirectory models;
    private final ImageStore store;
    private final PublicUrls urls;
    private final ChatAnswers chat;
    private final int maxImages;
    private final Budgets budgets;
    private final Caller caller;

    OpenAiResource(GenerationService generations, ModelDirectory models, ImageStore store, PublicUrls urls,
            ChatAnswers chat, GatewayConfig config, Budgets budgets, Caller caller) {
        this.budgets = budgets;
        this.caller = caller;
        this.generations = generations;
        this.models = models;
        this.store = store;
        this.urls = urls;
        this.chat = chat;
        this.maxImages = config.maxImagesPerRequest();
    }

    @POST
    @Path("/images/generations")
    @RequiresApiKey
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate images", description = "n images (1 to 4, in parallel) of one prompt; response_format "
            + "b64_json or url (the default as OpenAI's: url, b64_json for gpt-image-* names); the translated prompt is "
            + "revised_prompt.")
    @APIResponse(responseCode = "200", description = "{created, data: [{b64_json | url, revised_prompt}]}")
    @APIResponse(responseCode = "400", description = "Missing prompt, n or size out of range, unknown response_format")
    @APIResponse(responseCode = "401", description = "Missing or wrong API key")
    @APIResponse(responseCode = "429", description = "The key's limit (rate_limit_exceeded, daily_budget_exhausted) or "
            + "every Cloudflare account is out for now; Retry-After says how long")
    public Uni<OpenAiApi.ImagesResponse> images(OpenAiApi.ImagesRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw new BadRequestException(null, "missing_body", "A JSON body is required");
        }
        int n = body.n() == null ? 1 : body.n();
        if (n < 1 || n > maxImages) {
            throw new BadRequestException("n", "invalid_n", "n must be between 1 and " + maxImages + ", not " + n);
        }
        String format = body.responseFormat() == null ? defaultFormat(body.model()) : body.responseFormat();
        if (!format.equals("url") && !format.equals("b64_json")) {
            throw new BadRequestException("response_format", "invalid_response_format",
                    "response_format must be url or b64_json, not '" + format + "'");
        }
        GenerationRequest request = new GenerationRequest(body.prompt(), body.model(), body.size(), null, body.seed(),
                body.negativePrompt(), Boolean.TRUE.equals(body.enhance()));
        return budgets.admit(caller.consumer(), n).chain(admission -> generations.generate(request, n, admission))
                .chain(list -> Uni.join().all(list.stream().map(g -> format.equals("url")
                        ? url(g, uri).map(url -> new OpenAiApi.ImageData(null, url, g.prepared().promptUsed()))
                        : Uni.createFrom().item(new OpenAiApi.ImageData(g.image().bytes(), null, g.prepared().promptUsed())))
                        .toList()).andFailFast())
                .map(data -> new OpenAiApi.ImagesResponse(Instant.now().getEpochSecond(), data));
    }

    @POST
    @Path("/chat/completions")
    @RequiresApiKey
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS })
    @Operation(summary = "Chat: the last user message becomes an image", description = "The answer is Markdown with the "
            + "image by URL, the prompt used, the model, size and seed. stream=true gives chat.completion.chunk events "
            + "and data: [DONE].")
    @APIResponse(responseCode = "200", description = "A chat.completion, or the event stream")
    @APIResponse(responseCode = "400", description = "No user message")
    @APIResponse(responseCode = "401", description = "Missing or wrong API key")
    @APIResponse(responseCode = "404", description = "Unknown model")
    @APIResponse(responseCode = "429", description = "The key's limit or every Cloudflare account is out for now")
    public Uni<Response> chatCompletions(OpenAiApi.ChatRequest body, @Context UriInfo uri) {
        Uni<Response> reply = Uni.createFrom().deferred(() -> {
            if (body == null) {
                throw new BadRequestException(null, "missing_body", "A JSON body is required");
            }
            String prompt = Prompts.lastUserText(body.messages(), OpenAiApi.Message::role, OpenAiApi.Message::content);
            GenerationRequest request = new GenerationRequest(prompt, body.model(), null, null, null, null, false);
            String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
            long created = Instant.now().getEpochSecond();
            if (Boolean.TRUE.equals(body.stream())) {
                // The model is checked before the stream opens, so that an unknown one is a plain 404.
                return models.find(body.model()).chain(model -> budgets.admit(caller.consumer(), 1)
                        .map(admission -> Reply.events(chat.stream(request, admission, id, created, model.id(),
                                generation -> url(generation, uri)))));
            }
            return budgets.admit(caller.consumer(), 1)
                    .chain(admission -> generations.generate(request, Progress.NONE, admission))
                    .chain(generation -> url(generation, uri)
                            .map(url -> Reply.json(chat.completion(generation, id, created, url))));
        });
        return Reply.send(reply, ErrorShape.OPENAI);
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models, in OpenAI's list shape", description = "Image models first (owned_by workers-ai), "
            + "then translation models; a service that does not answer leaves a warning.")
    public Uni<OpenAiApi.ModelList> listModels() {
        return models.catalog().map(catalog -> {
            List<OpenAiApi.Model> data = new ArrayList<>();
            catalog.imageModels().forEach(m -> data.add(new OpenAiApi.Model(m.id(), "model", STARTED, "workers-ai")));
            catalog.translationModels().forEach(m -> data.add(new OpenAiApi.Model(m.id(), "model", STARTED,
                    "translation:" + m.provider())));
            return new OpenAiApi.ModelList("list", data, catalog.warnings());
        });
    }

    /**
     * As OpenAI's API answers a request without {@code response_format}: base64 for its gpt-image models, which have no
     * other form, a URL for the others. A client that hard-codes {@code gpt-image-1} (mapped to a Workers AI model by
     * {@code CUSTOMER_MODEL_MAP}) reads {@code b64_json}.
     */
    private static String defaultFormat(String model) {
        return model != null && model.startsWith("gpt-image") ? "b64_json" : "url";
    }

    @ServerExceptionMapper
    public Response error(Exception e) {
        return ErrorShape.OPENAI.response(Failure.of(e));
    }

    private Uni<String> url(Generation generation, UriInfo uri) {
        return store.put(generation.image().copy(), generation.image().contentType()).map(id -> urls.image(id, uri));
    }
}

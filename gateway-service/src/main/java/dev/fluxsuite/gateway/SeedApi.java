package dev.fluxsuite.gateway;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import dev.fluxsuite.gateway.client.ModelLists.ImageModel;
import dev.fluxsuite.gateway.client.ModelLists.TranslationModel;
import io.netty.buffer.ByteBuf;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's API ({@code /api}): its request and answer shapes, plus fields of our own. */
public final class SeedApi {

    private SeedApi() {
    }

    /** A chat message; {@code content} is text, or OpenAI's list of parts. Chat history carries more (names, tool calls). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Message(String role, JsonNode content) {
    }

    /**
     * {@code POST /api/image}. The prompt is the last user message.
     *
     * @param size {@code WxH}; else a trailing aspect ratio in the prompt, else the model's own
     */
    @RegisterForReflection
    public record ImageRequest(List<Message> messages, String model, Boolean stream, String size, Integer steps, Long seed,
            Boolean enhance, String negativePrompt) {
    }

    /** {@code POST /api/generate-image}. */
    @RegisterForReflection
    public record GenerateImageRequest(String prompt, String model, String size, Integer steps, Long seed, Boolean enhance,
            String negativePrompt) {
    }

    /**
     * The answer: the seed's {@code prompt}, {@code translatedPrompt} and {@code image} (base64), then ours.
     *
     * @param prompt the prompt as given, without a trailing aspect ratio
     * @param image the image bytes, written as base64 straight into the answer
     * @param neurons the image's estimated cost in Cloudflare's neurons
     */
    @RegisterForReflection
    public record ImageResponse(String prompt, String translatedPrompt,
            @Schema(implementation = String.class, format = "byte") @JsonSerialize(using = Base64Image.class) ByteBuf image,
            String model, String upstreamModel, String contentType, long seed, String size, Translation translation,
            int attempts, long elapsedMs, double neurons) {
    }

    /** How the prompt was translated; {@code fallback} means the original prompt was used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)

    @RegisterForReflection
    public record Translation(String provider, String model, String sourceLanguage, boolean enhanced, boolean cached,
            boolean fallback, String fallbackReason) {
    }

    /** {@code GET /api/models}: the image models (each with at least the seed's {@code id} and {@code name}). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)

    @RegisterForReflection
    public record Models(List<ImageModel> models, List<TranslationModel> translationModels, List<String> warnings) {
    }
}

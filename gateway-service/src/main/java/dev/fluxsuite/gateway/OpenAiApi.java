package dev.fluxsuite.gateway;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.netty.buffer.ByteBuf;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The OpenAI-compatible API ({@code /v1}): the request and answer shapes of OpenAI's images, chat and models. */
public final class OpenAiApi {

    private OpenAiApi() {
    }

    /**
     * {@code POST /v1/images/generations}. Fields OpenAI has and Workers AI has not are accepted and ignored; any
     * other field is a 400, as OpenAI answers it.
     */
    @JsonIgnoreProperties({ "quality", "style", "user", "background", "moderation", "output_compression", "output_format" })
    @RegisterForReflection
    public record ImagesRequest(String prompt, String model, Integer n, String size,
            @JsonProperty("response_format") String responseFormat, Long seed,
            @JsonProperty("negative_prompt") String negativePrompt, Boolean enhance) {
    }

    @RegisterForReflection
    public record ImagesResponse(long created, List<ImageData> data) {
    }

    /** One image, as base64 (Jackson writes the bytes so) or as a URL, with the prompt used in {@code revised_prompt}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)

    @RegisterForReflection
    public record ImageData(
            @JsonProperty("b64_json") @Schema(implementation = String.class, format = "byte") @JsonSerialize(using = Base64Image.class) ByteBuf b64Json,
            String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    /** A chat message; chat history carries more than role and content (names, tool calls). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Message(String role, JsonNode content) {
    }

    /**
     * {@code POST /v1/chat/completions}: the last user message is the prompt. The sampling and tool settings chat
     * clients send are OpenAI's and mean nothing to an image model: accepted and ignored; any other field is a 400.
     */
    @JsonIgnoreProperties({ "temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "presence_penalty",
            "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "seed", "stop", "stream_options",
            "response_format", "tools", "tool_choice", "parallel_tool_calls", "functions", "function_call", "metadata",
            "store", "service_tier", "reasoning_effort", "modalities", "prediction", "audio", "web_search_options",
            "verbosity", "prompt_cache_key", "safety_identifier" })
    @RegisterForReflection
    public record ChatRequest(String model, List<Message> messages, Boolean stream) {
    }

    @RegisterForReflection
    public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {
    }

    @RegisterForReflection
    public record Choice(int index, ChatMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    @RegisterForReflection
    public record ChatMessage(String role, String content) {
    }

    /** A streamed chunk: the same id and created in every chunk. */
    @RegisterForReflection
    public record ChatChunk(String id, String object, long created, String model, List<ChunkChoice> choices) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)

    @RegisterForReflection
    public record ChunkChoice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)

    @RegisterForReflection
    public record Delta(String role, String content) {
    }

    @RegisterForReflection
    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)

    @RegisterForReflection
    public record ModelList(String object, List<Model> data, List<String> warnings) {
    }

    @RegisterForReflection
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}

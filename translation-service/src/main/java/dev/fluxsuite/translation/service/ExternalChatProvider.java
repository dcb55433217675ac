package dev.fluxsuite.translation.service;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fluxsuite.translation.client.ExternalChatRestClient;
import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.MalformedResponseException;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * An OpenAI-compatible chat API ({@code USE_EXTERNAL_API}, {@code EXTERNAL_API}, {@code EXTERNAL_MODEL},
 * {@code EXTERNAL_API_KEY}): OpenAI, DeepSeek, a local Ollama or vLLM. The key goes only into the
 * {@code Authorization} header.
 */
@ApplicationScoped
public class ExternalChatProvider implements TranslationProvider {

    private static final String COMPLETIONS = "/chat/completions";

    private final TranslationConfig.External config;
    private final ExternalChatRestClient client;
    private final String authorization;

    ExternalChatProvider(TranslationConfig config) {
        this.config = config.external();
        this.client = this.config.enabled() ? this.config.url().filter(u -> !u.isBlank()).map(ExternalChatProvider::build)
                .orElse(null) : null;
        this.authorization = this.config.apiKey().filter(k -> !k.isBlank()).map(k -> "Bearer " + k.strip()).orElse(null);
    }

    private static ExternalChatRestClient build(String url) {
        String base = url.strip().replaceAll("/+$", "");
        if (base.endsWith(COMPLETIONS)) {
            base = base.substring(0, base.length() - COMPLETIONS.length());
        }
        URI uri = URI.create(base);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("EXTERNAL_API must start with http:// or https://");
        }
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri).connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS).build(ExternalChatRestClient.class);
    }

    @Override
    public String name() {
        return "external";
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!config.enabled()) {
            return Optional.of("USE_EXTERNAL_API is not true");
        }
        return client == null ? Optional.of("EXTERNAL_API is not set") : Optional.empty();
    }

    /** Some APIs quote the key they refused; it must not travel on into a log line or an answer. */
    @Override
    public String redact(String message) {
        String key = config.apiKey().map(String::strip).orElse("");
        return message == null || key.length() < 4 ? message : message.replace(key, "***");
    }

    @Override
    public boolean canEnhance() {
        return true;
    }

    @Override
    public Uni<String> translate(TranslationTask task) {
        Map<String, Object> body = Map.of("model", config.model(), "messages", TranslationPrompts.messages(task),
                "temperature", 0.2, "stream", false);
        return client.complete(authorization, body).map(this::content)
                .map(text -> WorkersAiProvider.nonEmpty(PromptCleaner.clean(text), config.model()));
    }

    private String content(JsonNode answer) {
        JsonNode content = answer.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new MalformedResponseException("The external chat API answered without choices[0].message.content",
                    502, null, null);
        }
        return content.asText();
    }
}

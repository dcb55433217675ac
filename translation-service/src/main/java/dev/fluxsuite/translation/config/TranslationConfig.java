package dev.fluxsuite.translation.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The translation service's settings. The seed's variables ({@code CF_IS_TRANSLATE}, {@code CF_TRANSLATE_MODEL},
 * {@code USE_EXTERNAL_API}, {@code EXTERNAL_*}) set them too (see {@code SeedVariables}).
 */
@ConfigMapping(prefix = "translation")
public interface TranslationConfig {

    /** Whether prompts are translated at all ({@code CF_IS_TRANSLATE}); off, every text passes through. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The Workers AI chat model that translates and enhances ({@code CF_TRANSLATE_MODEL}); the default is a
     * current instruct model that Cloudflare keeps (its "-fast" variants outlive the 2026 deprecations).
     */
    @WithDefault("@cf/meta/llama-3.1-8b-instruct-fast")
    String model();

    /** The Workers AI translation model used when the chat model fails. */
    @WithDefault("@cf/meta/m2m100-1.2b")
    String m2m100Model();

    /**
     * The providers in the order they are tried ({@code TRANSLATION_PROVIDERS}), from {@code workers-ai},
     * {@code m2m100} and {@code external}. Unset: {@code external} first when {@code USE_EXTERNAL_API} is true,
     * then {@code workers-ai}, then {@code m2m100}.
     */
    Optional<List<String>> providers();

    /** An OpenAI-compatible chat API (OpenAI, DeepSeek, Ollama, vLLM …). */
    External external();

    /** The cache of translations. */
    Cache cache();

    /** How long one provider may take, retries included, before the next is tried. */
    Timeouts timeout();

    /** The circuit breaker each provider has. */
    Breaker breaker();

    interface External {
        /** Whether to use it ({@code USE_EXTERNAL_API}). */
        @WithDefault("false")
        boolean enabled();

        /**
         * Its base URL ({@code EXTERNAL_API}), such as {@code https://api.openai.com/v1}; a URL that already ends in
         * {@code /chat/completions} is taken as it is.
         */
        Optional<String> url();

        /** The model to ask ({@code EXTERNAL_MODEL}). */
        @WithDefault("gpt-4o-mini")
        String model();

        /** Its API key ({@code EXTERNAL_API_KEY}); none for a local server that wants none. */
        Optional<String> apiKey();

        /** Retries of a call that failed for a retryable reason (429, 5xx, timeout). */
        @WithDefault("2")
        int maxRetries();
    }

    interface Cache {
        /** Translations kept. */
        @WithDefault("10000")
        long maximumSize();

        /** How long one is kept after it was made. */
        @WithDefault("24h")
        Duration ttl();
    }

    interface Timeouts {
        /** The Workers AI chat model. */
        @WithDefault("8s")
        Duration workersAi();

        /** m2m100. */
        @WithDefault("5s")
        Duration m2m100();

        /** The external chat API. */
        @WithDefault("10s")
        Duration external();
    }

    interface Breaker {
        /** Calls the breaker looks at before it may open. */
        @WithDefault("10")
        int requestVolume();

        /** Share of failed calls among them that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through. */
        @WithDefault("15s")
        Duration delay();
    }
}

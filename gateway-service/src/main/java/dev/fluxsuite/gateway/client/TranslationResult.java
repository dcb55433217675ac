package dev.fluxsuite.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** translation-service's answer (the fields the gateway uses; the others are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record TranslationResult(String original, String translated, String sourceLanguage, String provider, String model,
        boolean enhanced, boolean cached, boolean fallback, String fallbackReason) {

    /** The original text, used as it is, when translation-service could not be asked. */
    public static TranslationResult untranslated(String text, String reason) {
        return new TranslationResult(text, text, null, "none", null, false, false, true, reason);
    }
}

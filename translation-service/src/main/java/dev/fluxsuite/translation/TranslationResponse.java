package dev.fluxsuite.translation;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer of {@code POST /v1/translations}: what was asked, what came out, and an honest account of how.
 *
 * @param provider {@code workers-ai}, {@code m2m100}, {@code external}, or {@code none} when nothing was called
 * @param model the model that translated; absent for {@code none}
 * @param enhanced whether quality and detail tags were added (m2m100 cannot add them)
 * @param fallback true when every provider failed and {@code translated} is the original text
 * @param fallbackReason why, when {@code fallback} is true
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record TranslationResponse(String original, String translated, String sourceLanguage, String targetLanguage,
        String provider, String model, boolean enhanced, boolean cached, boolean fallback, String fallbackReason) {
}

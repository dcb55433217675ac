package dev.fluxsuite.translation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /v1/translations}.
 *
 * @param enhance add quality and detail tags (the seed's "enhance prompt" switch); false when absent
 * @param targetLanguage the language of the prompt to make; {@code en} when absent
 */
@RegisterForReflection
public record TranslationRequest(
        @NotBlank(message = "text is required") @Size(max = 2048, message = "text must be at most 2048 characters") String text,
        Boolean enhance,
        @Pattern(regexp = "en|zh|ja|ko|fr|de|es|it|pt|ru|ar|hi", message = "targetLanguage must be one of en, zh, ja, ko, fr, de, es, it, pt, ru, ar, hi") String targetLanguage) {

    public boolean enhanced() {
        return Boolean.TRUE.equals(enhance);
    }

    public String target() {
        return targetLanguage == null ? "en" : targetLanguage;
    }
}

package dev.fluxsuite.translation.service;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** One way to translate: a Workers AI chat model, m2m100, or an OpenAI-compatible chat API. */
public interface TranslationProvider {

    /** {@code workers-ai}, {@code m2m100} or {@code external}, as {@code TRANSLATION_PROVIDERS} names it. */
    String name();

    String model();

    /** Why it cannot be used now (not configured, no account left), or empty when it can. */
    Optional<String> unavailableReason();

    /** Whether it adds quality and detail tags when asked to. */
    boolean canEnhance();

    /** Whether it can do this task at all (m2m100 cannot turn English into English). */
    default boolean accepts(TranslationTask task) {
        return true;
    }

    /** A failure's message with any secret of this provider taken out, for logs and {@code fallbackReason}. */
    default String redact(String message) {
        return message;
    }

    /** The translated prompt, one clean line. */
    Uni<String> translate(TranslationTask task);
}

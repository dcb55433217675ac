package dev.fluxsuite.translation.service;

/** What a provider is asked: the text, its detected language, the language wanted, and whether to enhance. */
public record TranslationTask(String text, String source, String target, boolean enhance) {
}

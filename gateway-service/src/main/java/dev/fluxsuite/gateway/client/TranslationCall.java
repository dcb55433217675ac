package dev.fluxsuite.gateway.client;

/** The body of translation-service's {@code POST /v1/translations}. */
public record TranslationCall(String text, boolean enhance) {
}

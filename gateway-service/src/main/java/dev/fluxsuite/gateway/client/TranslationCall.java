package dev.fluxsuite.gateway.client;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of translation-service's {@code POST /v1/translations}. */
@RegisterForReflection
public record TranslationCall(String text, boolean enhance) {
}

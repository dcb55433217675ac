package dev.fluxsuite.translation;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** {@code GET /v1/models}: the translation models, in the order they are tried. */
@RegisterForReflection
public record TranslationModels(List<Model> models) {

    @RegisterForReflection
    public record Model(String id, String provider, String task) {
    }
}

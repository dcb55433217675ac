package dev.fluxsuite.translation;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /v1/models}: the translation models, in the order they are tried. */
@RegisterForReflection
public record TranslationModels(List<Model> models) {

    @RegisterForReflection
    public record Model(String id, String provider, String task) {
    }
}

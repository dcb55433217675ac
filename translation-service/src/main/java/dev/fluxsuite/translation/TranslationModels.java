package dev.fluxsuite.translation;

import java.util.List;

/** {@code GET /v1/models}: the translation models, in the order they are tried. */
public record TranslationModels(List<Model> models) {

    public record Model(String id, String provider, String task) {
    }
}

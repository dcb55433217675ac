package dev.fluxsuite.image;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /v1/models}: each model with what it takes and answers, so a client can build a form from it. */
@RegisterForReflection
public record ModelList(List<Model> models) {

    /**
     * @param id the alias to send as {@code model}
     * @param sizes edge lengths it can make; Flux makes only its own 1024
     * @param guidance null when the model takes none
     * @param output the media type of its images
     */
    @RegisterForReflection
    public record Model(String id, String name, String upstreamModel, String family, int defaultSteps, int maxSteps,
            Sizes sizes, Guidance guidance, boolean negativePrompt, String output) {
    }

    @RegisterForReflection
    public record Sizes(int min, int max, int defaultSize, int multipleOf) {
    }

    @RegisterForReflection
    public record Guidance(double min, double max, double defaultValue) {
    }
}

package dev.fluxsuite.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The model lists of the two services, as they send them; fields they add later are ignored. */
public final class ModelLists {

    private ModelLists() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record ImageModels(List<ImageModel> models) {
    }

    /** An image model with what it takes, as image-service describes it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record ImageModel(String id, String name, String upstreamModel, String family, int defaultSteps, int maxSteps,
            Sizes sizes, Guidance guidance, boolean negativePrompt, String output) {

        /** Whether it takes a size at all; Flux makes only its own. */
        public boolean sized() {
            return sizes != null && sizes.min() != sizes.max();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Sizes(int min, int max, int defaultSize, int multipleOf) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Guidance(double min, double max, double defaultValue) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record TranslationModels(List<TranslationModel> models) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record TranslationModel(String id, String provider, String task) {
    }
}

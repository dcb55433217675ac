package dev.fluxsuite.gateway.service;

import dev.fluxsuite.gateway.client.ModelLists.ImageModel;
import dev.fluxsuite.gateway.client.TranslationResult;

/**
 * A request ready to render: the prompt as given, its translation, the model, and the size chosen (null when the
 * model decides).
 */
public record Prepared(GenerationRequest request, String prompt, TranslationResult translation, ImageModel model,
        Integer width, Integer height) {

    /** The prompt the image is made from. */
    public String promptUsed() {
        return translation.translated();
    }
}

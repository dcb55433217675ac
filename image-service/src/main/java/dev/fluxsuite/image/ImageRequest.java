package dev.fluxsuite.image;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /v1/images}. Only the prompt is required; what a model takes beyond it, and within which
 * limits, depends on its family (see {@code GET /v1/models}).
 *
 * @param model an alias or a {@code @cf/…} id of the catalogue; the first model when absent
 * @param seed 0 to 4294967295; a random one (sent back in {@code X-Seed}) when absent
 */
@RegisterForReflection
public record ImageRequest(
        @NotBlank(message = "prompt is required") @Size(max = 2048, message = "prompt must be at most 2048 characters") String prompt,
        @Size(max = 200, message = "model must be at most 200 characters") String model,
        Integer width,
        Integer height,
        Integer steps,
        Long seed,
        @Size(max = 2048, message = "negativePrompt must be at most 2048 characters") String negativePrompt,
        Double guidance) {

    /** The same request for another model, as the model fallback sends it. */
    public ImageRequest withModel(String otherModel) {
        return new ImageRequest(prompt, otherModel, width, height, steps, seed, negativePrompt, guidance);
    }
}

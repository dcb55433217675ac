package dev.fluxsuite.image.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request checked against its model, with every default filled in. */
public record ResolvedRequest(CatalogModel model, String prompt, int width, int height, int steps, long seed,
        String negativePrompt, Double guidance) {

    /** The model's input object, with the field names its family takes. */
    public Map<String, Object> upstreamInput() {
        Family family = model.family();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", prompt);
        input.put(family.stepsField(), steps);
        input.put("seed", seed);
        if (family.sized()) {
            input.put("width", width);
            input.put("height", height);
        }
        if (guidance != null) {
            input.put("guidance", guidance);
        }
        if (negativePrompt != null) {
            input.put("negative_prompt", negativePrompt);
        }
        return input;
    }
}

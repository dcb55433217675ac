package dev.fluxsuite.image.service;

/**
 * What a family of Workers AI text-to-image models takes and answers, from their published schemas. Sizes
 * are our floor of 256 (smaller images are of no use) up to the schema's maximum, in steps of 8 as diffusion
 * models need.
 */
public enum Family {
    /** Flux 1 schnell: {@code steps} up to 8, no size fields (always 1024x1024), JSON base64 JPEG. */
    FLUX("flux", 1024, 1024, 1024, "steps", 8, 4, null, null, null, false, "image/jpeg"),
    /** DreamShaper 8 LCM, SDXL base, SDXL Lightning: {@code num_steps} up to 20, raw PNG. */
    STABLE_DIFFUSION("stable-diffusion", 256, 2048, 1024, "num_steps", 20, 20, 0.0, 30.0, 7.5, true, "image/png"),
    /** Leonardo Phoenix 1.0: {@code num_steps} up to 50, guidance 2 to 10, raw JPEG. */
    PHOENIX("leonardo-phoenix", 256, 2048, 1024, "num_steps", 50, 25, 2.0, 10.0, 2.0, true, "image/jpeg"),
    /** Leonardo Lucid Origin: {@code steps} up to 40, guidance 0 to 10, up to 2500 px, JSON base64 JPEG. */
    LUCID("leonardo-lucid", 256, 2500, 1120, "steps", 40, 20, 0.0, 10.0, 4.5, false, "image/jpeg");

    /** Diffusion models work on latents of 1/8 the image size. */
    public static final int SIZE_MULTIPLE = 8;

    private final String id;
    private final int minSize;
    private final int maxSize;
    private final int defaultSize;
    private final String stepsField;
    private final int maxSteps;
    private final int defaultSteps;
    private final Double minGuidance;
    private final Double maxGuidance;
    private final Double defaultGuidance;
    private final boolean negativePrompt;
    private final String output;

    Family(String id, int minSize, int maxSize, int defaultSize, String stepsField, int maxSteps, int defaultSteps,
            Double minGuidance, Double maxGuidance, Double defaultGuidance, boolean negativePrompt, String output) {
        this.id = id;
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.defaultSize = defaultSize;
        this.stepsField = stepsField;
        this.maxSteps = maxSteps;
        this.defaultSteps = defaultSteps;
        this.minGuidance = minGuidance;
        this.maxGuidance = maxGuidance;
        this.defaultGuidance = defaultGuidance;
        this.negativePrompt = negativePrompt;
        this.output = output;
    }

    public String id() {
        return id;
    }

    public int minSize() {
        return minSize;
    }

    public int maxSize() {
        return maxSize;
    }

    public int defaultSize() {
        return defaultSize;
    }

    /** Whether the model takes a size at all; Flux makes its own. */
    public boolean sized() {
        return minSize != maxSize;
    }

    public String stepsField() {
        return stepsField;
    }

    public int maxSteps() {
        return maxSteps;
    }

    public int defaultSteps() {
        return defaultSteps;
    }

    public boolean takesGuidance() {
        return defaultGuidance != null;
    }

    public Double minGuidance() {
        return minGuidance;
    }

    public Double maxGuidance() {
        return maxGuidance;
    }

    public Double defaultGuidance() {
        return defaultGuidance;
    }

    public boolean takesNegativePrompt() {
        return negativePrompt;
    }

    /** The media type the model answers with. */
    public String output() {
        return output;
    }
}

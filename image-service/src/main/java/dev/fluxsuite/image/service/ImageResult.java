package dev.fluxsuite.image.service;

import dev.fluxsuite.workersai.ImageStream;

/**
 * A generated image, as it arrives, with what made it: the model, the upstream attempts, the seed, the size asked
 * for, and its estimated cost in neurons.
 */
public record ImageResult(ImageStream image, CatalogModel model, int attempts, long seed, int width, int height,
        double neurons) {
}

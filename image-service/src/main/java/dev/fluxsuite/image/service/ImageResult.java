package dev.fluxsuite.image.service;

import dev.fluxsuite.workersai.GeneratedImage;

/** A generated image with what made it: the model, the upstream attempts, the seed and the size asked for. */
public record ImageResult(GeneratedImage image, CatalogModel model, int attempts, long seed, int width, int height) {
}

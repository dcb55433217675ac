package dev.fluxsuite.image.service;

/**
 * A model of the catalogue: the alias clients use, the Workers AI model behind it, its family, and the
 * steps it takes by default (for Flux, {@code FLUX_NUM_STEPS}).
 */
public record CatalogModel(String alias, String upstreamModel, Family family, int defaultSteps) {
}

package dev.fluxsuite.gateway.service;

import dev.fluxsuite.gateway.client.StreamedImage;

/** A generation whose image is still arriving: what was asked and prepared, and the image as it comes. */
public record StreamedGeneration(Prepared prepared, StreamedImage image) {
}

package dev.fluxsuite.gateway.service;

import dev.fluxsuite.gateway.client.RenderedImage;

/** A finished generation: what was asked and prepared, and the image. */
public record Generation(Prepared prepared, RenderedImage image) {
}

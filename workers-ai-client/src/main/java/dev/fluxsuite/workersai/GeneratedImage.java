package dev.fluxsuite.workersai;

/** Image bytes from a text-to-image model, with the format they really are. */
public record GeneratedImage(byte[] bytes, ImageFormat format) {
}

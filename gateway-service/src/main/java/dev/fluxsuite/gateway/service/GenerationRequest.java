package dev.fluxsuite.gateway.service;

/**
 * What any public endpoint asks to generate, in one shape.
 *
 * @param size {@code WxH}, or null to let a trailing aspect ratio or the model decide
 */
public record GenerationRequest(String prompt, String model, String size, Integer steps, Long seed, String negativePrompt,
        boolean enhance) {
}

package dev.fluxsuite.emulator.service;

import java.util.List;

/**
 * A model the emulator answers for, with the input schema and answer format of the real one.
 *
 * @param strict whether properties outside {@code fields} are refused (one published Flux schema has
 *        {@code additionalProperties: false})
 * @param defaultSize the image edge when the request names no width or height (0 for non-image models)
 */
public record EmulatedModel(String name, String task, Answer answer, String description, List<Field> fields,
        boolean strict, int defaultSize) {

    /** How the real model answers. */
    public enum Answer {
        /** JSON {@code result.image}, a base64 JPEG of fixed size (Flux 1 schnell). */
        JSON_JPEG_FIXED,
        /** JSON {@code result.image}, a base64 JPEG of the requested size (Lucid Origin). */
        JSON_JPEG,
        /** Raw {@code image/png} bytes of the requested size (Stable Diffusion family). */
        RAW_PNG,
        /** Raw {@code image/jpeg} bytes of the requested size (Phoenix). */
        RAW_JPEG,
        /** JSON {@code result.response}, or server-sent events with {@code stream: true}. */
        CHAT,
        /** JSON {@code result.translated_text}. */
        TRANSLATION
    }

    public boolean isImage() {
        return defaultSize > 0;
    }
}

package dev.fluxsuite.workersai;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/** Decoders for the answer shapes of the Workers AI model families. */
public final class ResponseDecoders {

    private ResponseDecoders() {
    }

    /**
     * An image, whether the model answers JSON {@code result.image} in base64 (Flux, Lucid Origin) or raw
     * bytes (Stable Diffusion family, Phoenix). Bytes that are neither PNG nor JPEG are malformed.
     */
    public static ResponseDecoder<GeneratedImage> image() {
        return response -> {
            byte[] bytes;
            if (response.isJson()) {
                JsonNode image = response.result().path("image");
                if (!image.isTextual() || image.asText().isEmpty()) {
                    throw malformed("a JSON answer without result.image");
                }
                try {
                    bytes = Base64.getMimeDecoder().decode(image.asText());
                } catch (IllegalArgumentException e) {
                    throw malformed("result.image that is not base64");
                }
            } else {
                bytes = response.body();
            }
            ImageFormat format = ImageFormat.sniff(bytes)
                    .orElseThrow(() -> malformed(bytes.length + " bytes that are neither PNG nor JPEG"));
            return new GeneratedImage(bytes, format);
        };
    }

    /**
     * The text of a chat model: {@code result.response}, or {@code result.choices[0].message.content} for
     * the models that answer in OpenAI's shape.
     */
    public static ResponseDecoder<String> chatText() {
        return response -> {
            JsonNode result = response.result();
            JsonNode text = result.path("response");
            if (!text.isTextual()) {
                text = result.path("choices").path(0).path("message").path("content");
            }
            if (!text.isTextual()) {
                throw malformed("a chat answer without result.response");
            }
            return text.asText();
        };
    }

    /** The text of m2m100: {@code result.translated_text}. */
    public static ResponseDecoder<String> translatedText() {
        return response -> {
            JsonNode text = response.result().path("translated_text");
            if (!text.isTextual()) {
                throw malformed("a translation answer without result.translated_text");
            }
            return text.asText();
        };
    }

    private static MalformedResponseException malformed(String what) {
        return new MalformedResponseException("Workers AI answered " + what, 502, null, null);
    }
}

package dev.fluxsuite.workersai;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/** Decoders for the answer shapes of the Workers AI model families. */
public final class ResponseDecoders {

    private static final JsonFactory JSON = new JsonFactory();

    private ResponseDecoders() {
    }

    /**
     * An image, whether the model answers JSON {@code result.image} in base64 (Flux, Lucid Origin) or raw
     * bytes (Stable Diffusion family, Phoenix). Bytes that are neither PNG nor JPEG are malformed.
     */
    public static ResponseDecoder<GeneratedImage> image() {
        return response -> {
            byte[] bytes = response.isJson() ? jsonImage(response.body()) : response.body();
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

    /**
     * {@code result.image} of a JSON envelope, decoded from base64 by the parser as it reads, without the envelope
     * ever becoming a tree or the base64 a string: an image answer is mostly that one field.
     */
    private static byte[] jsonImage(byte[] body) {
        byte[] image = null;
        boolean success = true;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("JSON that is not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("success") && value.isBoolean()) {
                    success = parser.getBooleanValue();
                } else if (field.equals("result") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean isImage = parser.currentName().equals("image");
                        if (parser.nextToken() == JsonToken.VALUE_STRING && isImage) {
                            image = base64(parser, body);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw malformed("JSON that does not parse, or a result.image that is not base64");
        } catch (IOException e) {
            throw malformed("an answer that could not be read");
        }
        if (!success) {
            throw malformed("2xx with success=false");
        }
        if (image == null || image.length == 0) {
            throw malformed("a JSON answer without result.image");
        }
        return image;
    }

    /**
     * The string the parser stands on, decoded from base64. The JDK's decoder (vectorized) reads it in place when
     * it holds no JSON escape, as Workers AI writes it; it is several times faster than the parser's own, which
     * is kept for escaped strings. The parser skips the string afterwards without decoding it.
     */
    private static byte[] base64(JsonParser parser, byte[] body) throws IOException {
        long quote = parser.currentTokenLocation().getByteOffset();
        if (quote >= 0 && quote < body.length && body[(int) quote] == '"') {
            int start = (int) quote + 1;
            int end = start;
            while (end < body.length && body[end] != '"' && body[end] != '\\') {
                end++;
            }
            if (end < body.length && body[end] == '"') {
                try {
                    ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
                    return decoded.hasArray() && decoded.arrayOffset() == 0 && decoded.remaining() == decoded.array().length
                            ? decoded.array() : Arrays.copyOfRange(decoded.array(), decoded.arrayOffset(),
                                    decoded.arrayOffset() + decoded.remaining());
                } catch (IllegalArgumentException e) {
                    throw malformed("a result.image that is not base64");
                }
            }
        }
        return parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
    }

    private static MalformedResponseException malformed(String what) {
        return new MalformedResponseException("Workers AI answered " + what, 502, null, null);
    }
}

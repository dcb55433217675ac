package dev.fluxsuite.workersai;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** Decoders for the answer shapes of the Workers AI model families. */
public final class ResponseDecoders {

    /** Enough leading bytes to tell PNG from JPEG. */
    private static final int SNIFF_BYTES = 8;

    private ResponseDecoders() {
    }

    /**
     * An image, whether the model answers JSON {@code result.image} in base64 (Flux, Lucid Origin) or raw
     * bytes (Stable Diffusion family, Phoenix), read as it arrives. The value is there as soon as the first bytes
     * tell the format; bytes that are neither PNG nor JPEG are malformed.
     */
    public static StreamDecoder<ImageStream> image() {
        return (mediaType, body, cancel) -> {
            boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
            TransformedStream image = new TransformedStream(body, json ? new JsonImageExtractor() : ChunkTransform.IDENTITY,
                    cancel);
            return Uni.createFrom().emitter(emitter -> {
                // The first piece is the head as it is, unless it is too short to tell the format (a copy of each
                // would be one more buffer per image to hold until it is sent).
                AtomicReference<Buffer> head = new AtomicReference<>(Buffer.buffer(0));
                AtomicBoolean handedOver = new AtomicBoolean();
                Consumer<TransformedStream> complete = rest -> {
                    Buffer bytes = head.get();
                    Optional<ImageFormat> format = ImageFormat
                            .sniff(bytes.getBytes(0, Math.min(bytes.length(), SNIFF_BYTES)));
                    if (format.isEmpty()) {
                        emitter.fail(malformed((rest == null ? bytes.length() + " bytes" : "bytes")
                                + " that are neither PNG nor JPEG"));
                    } else {
                        handedOver.set(true);
                        emitter.complete(ImageStream.awaitingClaim(format.get(), bytes, rest, cancel));
                    }
                };
                image.exceptionHandler(emitter::fail);
                image.endHandler(end -> complete.accept(null));
                image.handler(chunk -> {
                    // A piece may be a view of a read block, which cannot grow: a short head is joined in a copy.
                    head.set(head.get().length() == 0 ? chunk
                            : Buffer.buffer(head.get().length() + chunk.length()).appendBuffer(head.get())
                                    .appendBuffer(chunk));
                    if (head.get().length() >= SNIFF_BYTES) {
                        image.pause().handler(null).endHandler(null).exceptionHandler(null);
                        complete.accept(image);
                    }
                });
                // A timeout, a failure or bytes that are no image: the rest will never be read.
                emitter.onTermination(() -> {
                    if (!handedOver.get()) {
                        cancel.run();
                    }
                });
                image.resume();
            });
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

    static MalformedResponseException malformed(String what) {
        return new MalformedResponseException("Workers AI answered " + what, 502, null, null);
    }
}

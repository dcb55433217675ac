package dev.fluxsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class Base64ImageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The image between two other fields, so that a misplaced quote or comma breaks the document. */
    record Answer(String before, @JsonSerialize(using = Base64Image.class) ByteBuf image, int after) {
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 2, 3, 49_151, 49_152, 49_153, 300_000 })
    void writesTheImageAsBase64InPlaceWhateverItsLength(int length) throws IOException {
        byte[] image = new byte[length];
        new Random(length).nextBytes(image);
        // In pieces and not from index 0, as the gateway holds it; read-only, so nothing may move it.
        ByteBuf held = Unpooled.wrappedBuffer(new byte[5], image).readerIndex(5).asReadOnly();
        String expected = Base64.getEncoder().encodeToString(image);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MAPPER.writeValue(out, new Answer("a \"cat\"", held, 7));
        JsonNode streamed = MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode asString = MAPPER.readTree(MAPPER.writeValueAsString(new Answer("a \"cat\"", held, 7)));

        for (JsonNode answer : new JsonNode[] { streamed, asString }) {
            assertThat(answer.path("before").asText()).isEqualTo("a \"cat\"");
            assertThat(answer.path("image").asText()).isEqualTo(expected);
            assertThat(answer.path("after").asInt()).isEqualTo(7);
        }
        assertThat(held.readerIndex()).isEqualTo(5);
    }
}

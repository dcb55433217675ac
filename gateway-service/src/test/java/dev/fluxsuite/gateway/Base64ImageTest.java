package dev.fluxsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

class Base64ImageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The image between two other fields, so that a misplaced quote or comma breaks the document. */
    record Answer(String before, @JsonSerialize(using = Base64Image.class) ByteBuffer image, int after) {
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 2, 3, 49_151, 49_152, 49_153, 300_000 })
    void writesTheImageAsBase64InPlaceWhateverItsLength(int length) throws IOException {
        byte[] image = new byte[length];
        new Random(length).nextBytes(image);
        // Off the heap and not at position 0, as the gateway holds it; read-only, so nothing may move it.
        ByteBuffer direct = ByteBuffer.allocateDirect(length + 5).position(5);
        direct.put(image).position(5);
        ByteBuffer held = direct.asReadOnlyBuffer();
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
        assertThat(held.position()).isEqualTo(5);
    }
}

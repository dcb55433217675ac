package dev.fluxsuite.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class ResponseDecodersTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFB, (byte) 0xFF};

    @Test
    void decodesTheImageOfAFluxEnvelope() {
        String json = "{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(JPEG)
                + "\"},\"success\":true,\"errors\":[],\"messages\":[]}";

        GeneratedImage image = decode(json);

        assertThat(image.bytes()).isEqualTo(JPEG);
        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void decodesBase64WithEscapedSlashesAsJsonAllowsThem() {
        String base64 = Base64.getEncoder().encodeToString(JPEG);
        assertThat(base64).contains("/");

        GeneratedImage image = decode("{\"result\":{\"image\":\"" + base64.replace("/", "\\/") + "\"},\"success\":true}");

        assertThat(image.bytes()).isEqualTo(JPEG);
    }

    @Test
    void refusesAnImageThatIsNotBase64OrASuccessThatIsFalse() {
        assertThatThrownBy(() -> decode("{\"result\":{\"image\":\"not base64!\"},\"success\":true}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not base64");
        String image = Base64.getEncoder().encodeToString(JPEG);
        assertThatThrownBy(() -> decode("{\"result\":{\"image\":\"" + image + "\"},\"success\":false}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("success=false");
        assertThatThrownBy(() -> decode("{\"result\":{\"image\":\"" + image))
                .isInstanceOf(MalformedResponseException.class);
    }

    private static GeneratedImage decode(String json) {
        return ResponseDecoders.image().decode(new WorkersAiResponse("application/json", json.getBytes(StandardCharsets.UTF_8)));
    }
}

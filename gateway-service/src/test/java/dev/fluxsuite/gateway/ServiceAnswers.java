package dev.fluxsuite.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;

/** What the two services answer, for the tests that stand them in with WireMock ({@link ServicesOnWireMock}). */
public final class ServiceAnswers {

    /** image-service's {@code /v1/models} with FLUX.1 Schnell alone. */
    public static final String FLUX_ONLY = "{\"models\":[{\"id\":\"FLUX.1-Schnell-CF\",\"name\":\"FLUX.1 Schnell\","
            + "\"upstreamModel\":\"@cf/black-forest-labs/flux-1-schnell\",\"family\":\"flux\",\"defaultSteps\":4,"
            + "\"maxSteps\":8,\"sizes\":{\"min\":1024,\"max\":1024,\"defaultSize\":1024,\"multipleOf\":0},"
            + "\"guidance\":null,\"negativePrompt\":false,\"output\":\"jpeg\"}]}";

    /** translation-service's {@code /v1/translations} for "a cat", passed through as English. */
    public static final String A_CAT_PASSED_THROUGH = "{\"original\":\"a cat\",\"translated\":\"a cat\","
            + "\"sourceLanguage\":\"en\",\"provider\":\"none\",\"enhanced\":false,\"cached\":false,\"fallback\":false}";

    private ServiceAnswers() {
    }

    /**
     * Resets {@code wireMock} to services with FLUX.1 Schnell alone and a translation that passes "a cat" through; the
     * image is each test's own.
     */
    public static void fluxAndACat(WireMockServer wireMock) {
        wireMock.resetAll();
        wireMock.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(FLUX_ONLY)));
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(A_CAT_PASSED_THROUGH)));
    }

    /** image-service answering every image with {@code jpeg}, in {@code pieces} spread over {@code millis}. */
    public static void dribbledJpeg(WireMockServer wireMock, byte[] jpeg, int pieces, int millis) {
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg).withChunkedDribbleDelay(pieces, millis)));
    }

    /** {@code length} random bytes behind a JPEG's first two, the same for the same {@code seed}. */
    public static byte[] jpeg(int length, long seed) {
        byte[] jpeg = new byte[length];
        new Random(seed).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        return jpeg;
    }
}

package dev.fluxsuite.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Named consumers' limits on the generating endpoints, in the seed's and OpenAI's error shapes, without Redis. */
@QuarkusTest
@TestProfile(ConsumerLimitsTest.Consumers.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ConsumerLimitsTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void services() {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(ServiceAnswers.A_CAT_PASSED_THROUGH)));
        wireMock.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(ServiceAnswers.FLUX_ONLY)));
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withHeader("X-Model", "FLUX.1-Schnell-CF").withHeader("X-Neurons", "57.6").withBody(PNG)));
        wireMock.stubFor(post(urlEqualTo("/v1/images")).withRequestBody(containing("\"seed\":13"))
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"upstream_error\",\"message\":\"Workers AI failed\"}}")));
    }

    @Test
    void overItsRequestsAMinuteIs429RateLimitedInBothShapes() {
        seed("rate-key-7a", "a cat").then().statusCode(200);
        openAi("rate-key-7a", "a cat", 1).then().statusCode(200);

        Response seed = seed("rate-key-7a", "a cat");
        seed.then().statusCode(429).body("code", equalTo("rate_limited"))
                .body("error", containsString("'rate' may send 2 requests a minute"))
                .header("X-Should-Retry", (String) null);
        assertThat(Long.parseLong(seed.header("Retry-After"))).isBetween(1L, 60L);
        openAi("rate-key-7a", "a cat", 1).then().statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded")).header("Retry-After", not(equalTo(null)));
        chat("rate-key-7a").then().statusCode(429).body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void overItsImagesADayIs429UntilMidnightUtcAndFailuresAreNotCounted() {
        openAi("daily-key-5b", "a cat", 2).then().statusCode(200);
        given().header("Authorization", "Bearer daily-key-5b").contentType("application/json")
                .body("{\"prompt\":\"a cat\",\"seed\":13}").post("/api/generate-image").then().statusCode(502);
        given().header("Authorization", "Bearer daily-key-5b").get("/api/usage").then().statusCode(200)
                .body("consumer", equalTo("daily")).body("images", equalTo(2)).body("requests", equalTo(2))
                .body("neurons", equalTo(115.2f)).body("limits.imagesPerDay", equalTo(3))
                .body("left.imagesToday", equalTo(1));

        openAi("daily-key-5b", "a cat", 2).then().statusCode(429).body("error.code", equalTo("daily_budget_exhausted"))
                .body("error.message", containsString("asks for 2 images, and 1 of its 3 are left today"));
        seed("daily-key-5b", "a cat").then().statusCode(200);
        Response exhausted = seed("daily-key-5b", "a cat");

        exhausted.then().statusCode(429).body("code", equalTo("daily_budget_exhausted"))
                .body("error", containsString("has used all 3 of its images today")).header("X-Should-Retry", "false");
        Instant now = Instant.now();
        long untilMidnight = Duration.between(now, now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
        assertThat(Long.parseLong(exhausted.header("Retry-After"))).isBetween(untilMidnight - 5, untilMidnight + 5);
        given().header("Authorization", "Bearer daily-key-5b").get("/api/usage").then().statusCode(200)
                .body("left.imagesToday", equalTo(0)).body("shared", equalTo(false));
    }

    @Test
    void aKeyGivenAsItsDigestIsAcceptedAndApiKeyStaysUnlimited() {
        seed("digest-key-3c", "a cat").then().statusCode(200);
        seed("digest-key-3c", "a cat").then().statusCode(429).body("code", equalTo("daily_budget_exhausted"));
        for (int i = 0; i < 5; i++) {
            seed("test-key", "a cat").then().statusCode(200);
        }
        given().header("Authorization", "Bearer test-key").get("/api/usage").then().statusCode(200)
                .body("consumer", equalTo("api-key")).body("limits", equalTo(Map.of()));
    }

    @Test
    void metricsAndStatusNameConsumersNeverKeys() {
        seed("metered-key-9d", "a cat").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String status = given().get("/api/status").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("gateway_generations_total{consumer=\"metered\",model=\"FLUX.1-Schnell-CF\",outcome=\"ok\"}");
        assertThat(status).contains("\"name\":\"rate\"", "\"requestsPerMinute\":2");
        for (String secret : new String[] { "rate-key-7a", "daily-key-5b", "digest-key-3c", "metered-key-9d", "test-key",
                "f02820a6dee958f7eded83d47007b9924829b484ee4ba1b291c37a11afb26040" }) {
            assertThat(metrics).doesNotContain(secret);
            assertThat(status).doesNotContain(secret);
        }
    }

    private static Response seed(String key, String prompt) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"prompt\":\"" + prompt + "\"}").post("/api/generate-image");
    }

    private static Response openAi(String key, String prompt, int n) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"prompt\":\"" + prompt + "\",\"n\":" + n + ",\"response_format\":\"b64_json\"}")
                .post("/v1/images/generations");
    }

    private static Response chat(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}],\"stream\":true}")
                .post("/v1/chat/completions");
    }

    /** Four consumers beside API_KEY's test-key. */
    public static class Consumers extends ServicesOnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("gateway.consumers", "[{\"name\":\"rate\",\"key\":\"rate-key-7a\",\"requestsPerMinute\":2},"
                    + "{\"name\":\"daily\",\"key\":\"daily-key-5b\",\"imagesPerDay\":3},"
                    + "{\"name\":\"metered\",\"key\":\"metered-key-9d\"},"
                    + "{\"name\":\"digest\",\"keySha256\":\"f02820a6dee958f7eded83d47007b9924829b484ee4ba1b291c37a11afb26040\",\"imagesPerDay\":1}]");
            return overrides;
        }
    }
}

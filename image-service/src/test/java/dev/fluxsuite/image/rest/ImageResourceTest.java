package dev.fluxsuite.image.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.fluxsuite.image.rest.WorkersAiStubs.FLUX;
import static dev.fluxsuite.image.rest.WorkersAiStubs.LIGHTNING;
import static dev.fluxsuite.image.rest.WorkersAiStubs.SDXL;
import static dev.fluxsuite.image.rest.WorkersAiStubs.error;
import static dev.fluxsuite.image.rest.WorkersAiStubs.fluxJpeg;
import static dev.fluxsuite.image.rest.WorkersAiStubs.png;
import static dev.fluxsuite.image.rest.WorkersAiStubs.stub;
import static dev.fluxsuite.image.rest.WorkersAiStubs.stubAll;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.image.service.ImageUpstream;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.TestClock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ImageResourceTest {

    @TestHTTPResource("/v1/images")
    URI images;

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TestClock clock;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        clock.advance(Duration.ofDays(2));
        breakers.resetAll();
    }

    static ValidatableResponse generate(String json) {
        return given().contentType("application/json").body(json).post("/v1/images").then();
    }

    @Test
    void generatesFluxWithItsStepsAndNoSize() {
        stubAll(wireMock, FLUX, fluxJpeg());

        byte[] image = generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"seed\":42}").statusCode(200)
                .contentType("image/jpeg").header("X-Model", "FLUX.1-Schnell-CF").header("X-Upstream-Model", FLUX)
                .header("X-Attempts", "1").header("X-Seed", "42").header("X-Image-Size", "1024x1024")
                .extract().asByteArray();

        assertThat(image).isEqualTo(WorkersAiStubs.JPEG);
        wireMock.verify(1, postRequestedFor(urlPathMatching(".*/ai/run/" + FLUX))
                .withRequestBody(equalToJson("{\"prompt\":\"a cat\",\"steps\":4,\"seed\":42}")));
    }

    @Test
    void sendsALargeImageOnAsItArrivesInPieces() {
        byte[] large = new byte[400_000];
        new Random(3).nextBytes(large);
        System.arraycopy(WorkersAiStubs.JPEG, 0, large, 0, WorkersAiStubs.JPEG.length);
        stubAll(wireMock, FLUX, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(large)
                        + "\"},\"success\":true,\"errors\":[],\"messages\":[]}")
                .withChunkedDribbleDelay(60, 600));

        byte[] image = generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\"}").statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();

        assertThat(image).isEqualTo(large);
    }

    /** Past its head, an image that breaks off cannot become an error answer: the answer is broken off too. */
    @Test
    void anImageThatBreaksOffAfterItsHeadBreaksTheAnswerOff() throws Exception {
        byte[] large = Arrays.copyOf(WorkersAiStubs.JPEG, 200_000);
        stubAll(wireMock, FLUX, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(large)));
        HttpRequest request = HttpRequest.newBuilder(images)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\"}"))
                .build();

        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void generatesStableDiffusionWithItsOwnFieldsAndAnswersPng() {
        stubAll(wireMock, SDXL, png());

        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\",\"width\":768,\"height\":512,\"steps\":10,\"seed\":7,"
                + "\"negativePrompt\":\"blurry\",\"guidance\":6.5}")
                .statusCode(200).contentType("image/png").header("X-Image-Size", "768x512");

        wireMock.verify(1, postRequestedFor(urlPathMatching(".*/ai/run/" + SDXL)).withRequestBody(equalToJson(
                "{\"prompt\":\"a cat\",\"num_steps\":10,\"seed\":7,\"width\":768,\"height\":512,\"guidance\":6.5,"
                        + "\"negative_prompt\":\"blurry\"}")));
    }

    @Test
    void takesACfIdAndDefaultsToTheFirstModel() {
        stubAll(wireMock, LIGHTNING, png());
        stubAll(wireMock, FLUX, fluxJpeg());

        generate("{\"prompt\":\"a cat\",\"model\":\"" + LIGHTNING + "\"}").statusCode(200)
                .header("X-Model", "SD-XL-Lightning-CF").header("X-Seed", notNullValue());
        generate("{\"prompt\":\"a cat\"}").statusCode(200).header("X-Model", "FLUX.1-Schnell-CF");
    }

    @Test
    void listsEachModelWithItsLimits() {
        given().get("/v1/models").then().statusCode(200)
                .body("models", hasSize(4))
                .body("models[0].id", equalTo("FLUX.1-Schnell-CF"))
                .body("models[0].upstreamModel", equalTo(FLUX))
                .body("models[0].family", equalTo("flux"))
                .body("models[0].maxSteps", equalTo(8))
                .body("models[0].sizes.min", equalTo(1024))
                .body("models[0].guidance", nullValue())
                .body("models[0].output", equalTo("image/jpeg"))
                .body("models[2].name", equalTo("Stable Diffusion XL base 1.0"))
                .body("models[2].defaultSteps", equalTo(20))
                .body("models[2].sizes.max", equalTo(2048))
                .body("models[2].sizes.multipleOf", equalTo(8))
                .body("models[2].negativePrompt", equalTo(true))
                .body("models[2].output", equalTo("image/png"));
    }

    @Test
    void valuesBeyondAModelsLimitsAre400sThatNameTheLimit() {
        generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"steps\":50}").statusCode(400)
                .body("error.code", equalTo("invalid_parameter"))
                .body("error.message", equalTo("steps must be between 1 and 8 for FLUX.1-Schnell-CF, not 50"));
        generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"width\":768}").statusCode(400)
                .body("error.message", containsString("makes 1024x1024 images only"));
        generate("{\"prompt\":\"a cat\",\"model\":\"DS-8-CF\",\"width\":3000}").statusCode(400)
                .body("error.message", containsString("width must be between 256 and 2048"));
        wireMock.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void unknownModelIs404ListingTheAvailableOnes() {
        generate("{\"prompt\":\"a cat\",\"model\":\"dall-e-3\"}").statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.message", containsString("FLUX.1-Schnell-CF, DS-8-CF, SD-XL-Bash-CF, SD-XL-Lightning-CF"));
    }

    @Test
    void badBodiesSayWhatToFix() {
        generate("{\"model\":\"DS-8-CF\"}").statusCode(400).body("error.code", equalTo("invalid_request"))
                .body("error.message", equalTo("prompt is required"));
        generate("{\"prompt\":\"" + "x".repeat(2049) + "\"}").statusCode(400)
                .body("error.message", equalTo("prompt must be at most 2048 characters"));
        generate("{\"prompt\":\"a cat\",").statusCode(400).body("error.code", equalTo("invalid_json"));
        generate("{\"prompt\":\"a cat\",\"steps\":\"many\"}").statusCode(400)
                .body("error.code", equalTo("invalid_json")).body("error.message", containsString("'steps'"));
        generate("").statusCode(400);
        given().contentType("text/plain").body("a cat").post("/v1/images").then().statusCode(415)
                .body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void failsOverToTheOtherAccountOn429() {
        stub(wireMock, "acc-a", SDXL, error(429, 3040, "Capacity temporarily exceeded, please try again."));
        stub(wireMock, "acc-b", SDXL, png());

        for (int i = 0; i < 3; i++) {
            generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(200);
        }
        wireMock.verify(1, postRequestedFor(urlPathMatching("/client/v4/accounts/acc-a/.*")));
    }

    @Test
    void everyAccountOutOfQuotaIs429WithRetryAfterUntilUtcMidnight() {
        stubAll(wireMock, SDXL, error(429, 4006, "you have used up your daily free allocation of 10,000 neurons"));

        Duration untilMidnight = Duration.between(clock.instant(), clock.instant().atOffset(ZoneOffset.UTC).toLocalDate()
                .plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        long seconds = untilMidnight.toSeconds() + (untilMidnight.toNanosPart() > 0 ? 1 : 0);
        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(429)
                .header("Retry-After", String.valueOf(Math.max(1, seconds)))
                .body("error.code", equalTo("daily_quota_exhausted"))
                .body("error.message", containsString("daily Workers AI allocation"));
    }

    @Test
    void everyAccountRateLimitedIs429WithTheCooldownAsRetryAfter() {
        stubAll(wireMock, SDXL, error(429, 3040, "Capacity temporarily exceeded, please try again."));

        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(429).header("Retry-After", "10")
                .body("error.code", equalTo("rate_limited"));
    }

    @Test
    void fallbackModelStepsInWhenEveryAccountIsOutForTheAskedOne() {
        stubAll(wireMock, FLUX, error(429, 3040, "Capacity temporarily exceeded, please try again."));
        stubAll(wireMock, LIGHTNING, png());

        generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\"}").statusCode(200)
                .header("X-Model", "SD-XL-Lightning-CF").header("X-Upstream-Model", LIGHTNING).contentType("image/png");
    }

    @Test
    void bytesThatAreNoImageAre502() {
        stubAll(wireMock, SDXL, aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody("<html>"));

        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(502)
                .body("error.code", equalTo("upstream_invalid_image"));
    }

    @Test
    void upstreamErrorsAre502AndRejectedInputA400() {
        stubAll(wireMock, SDXL, error(500, 3043, "Internal server error"));
        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(502)
                .body("error.code", equalTo("upstream_error"));

        stubAll(wireMock, LIGHTNING, error(400, 5006, "Bad input: Error: oneOf at '/' not met"));
        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").statusCode(400)
                .body("error.code", equalTo("upstream_rejected_input"));
    }

    @Test
    void slowUpstreamIs504WithinTheFamilysLimit() {
        stubAll(wireMock, FLUX, fluxJpeg().withFixedDelay(6000));

        long start = System.nanoTime();
        generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\"}").statusCode(504)
                .body("error.code", equalTo("upstream_timeout"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void breakerOpensForAFailingModelOnlyAndClosesAfterItsDelay() throws InterruptedException {
        stubAll(wireMock, SDXL, error(500, 3043, "Internal server error"));
        stubAll(wireMock, LIGHTNING, png());
        for (int i = 0; i < 4; i++) {
            generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(502);
        }
        assertThat(breakers.currentState(ImageUpstream.breakerName(SDXL))).isEqualTo(CircuitBreakerState.OPEN);
        int calls = wireMock.findAll(postRequestedFor(urlPathMatching(".*/ai/run/" + SDXL))).size();

        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(503)
                .body("error.code", equalTo("model_unavailable")).header("Retry-After", "2");
        wireMock.verify(calls, postRequestedFor(urlPathMatching(".*/ai/run/" + SDXL)));
        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").statusCode(200);

        Thread.sleep(2100);
        stubAll(wireMock, SDXL, png());
        generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").statusCode(200);
        assertThat(breakers.currentState(ImageUpstream.breakerName(SDXL))).isEqualTo(CircuitBreakerState.CLOSED);
    }
}

package dev.fluxsuite.workersai.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.Streams;
import dev.fluxsuite.testsupport.TestClock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import dev.fluxsuite.workersai.ImageFormat;
import dev.fluxsuite.workersai.ImageStream;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.ResponseDecoder;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.UnknownModelException;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.neurons.NeuronLedger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class WorkersAiClientTest {

    private static final String FLUX = "@cf/black-forest-labs/flux-1-schnell";
    private static final String SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";
    private static final String LLAMA = "@cf/meta/llama-3.1-8b-instruct-fast";
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F' };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    WorkersAiClient client;

    @Inject
    TestClock clock;

    @Inject
    NeuronLedger ledger;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        // Past every cooldown and every UTC reset left by the test before.
        clock.advance(Duration.ofDays(2));
        // A call a test abandoned counts as in flight until its answer comes.
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.spent(0) == 0 && ledger.spent(1) == 0);
    }

    @Test
    void decodesFluxJsonIntoJpegBytes() {
        stubAll(FLUX, fluxAnswer());

        WorkersAiResult<ImageStream> result = runImage(FLUX, Map.of("prompt", "a cat", "steps", 4));

        assertThat(result.value().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(bytes(result.value())).isEqualTo(JPEG);
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void decodesRawPngOfStableDiffusion() {
        stubAll(SDXL, aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG));

        WorkersAiResult<ImageStream> result = runImage(SDXL, Map.of("prompt", "a cat", "width", 512, "height", 512));

        assertThat(result.value().format()).isEqualTo(ImageFormat.PNG);
        assertThat(bytes(result.value())).isEqualTo(PNG);
    }

    @Test
    void sendsTheModelIdUnescapedWithTheAccountsToken() {
        stubAll(FLUX, fluxAnswer());

        int account = runImage(FLUX, Map.of("prompt", "a cat", "steps", 4)).accountIndex();

        String id = account == 0 ? "acc-a" : "acc-b";
        wireMock.verify(1, postRequestedFor(urlEqualTo("/client/v4/accounts/" + id + "/ai/run/" + FLUX))
                .withHeader("Authorization", equalTo("Bearer token-" + (account == 0 ? "a" : "b")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"prompt\":\"a cat\",\"steps\":4}")));
    }

    @Test
    void readsChatAndTranslationText() {
        stubAll(LLAMA,
                json("{\"result\":{\"response\":\"a cute cat\",\"usage\":{}},\"success\":true,\"errors\":[],\"messages\":[]}"));
        stubAll("@cf/meta/m2m100-1.2b",
                json("{\"result\":{\"translated_text\":\"a cute cat\"},\"success\":true,\"errors\":[],\"messages\":[]}"));

        assertThat(run(LLAMA, Map.of("prompt", "猫"), ResponseDecoders.chatText()).value()).isEqualTo("a cute cat");
        assertThat(run("@cf/meta/m2m100-1.2b", Map.of("text", "猫", "target_lang", "en"), ResponseDecoders.translatedText())
                .value()).isEqualTo("a cute cat");
    }

    @Test
    void countsTheNeuronsOfEachCallOnTheAccountThatServedIt() {
        stubAll(FLUX, fluxAnswer());
        stubAll(SDXL, aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG));
        stubAll(LLAMA, json("{\"result\":{\"response\":\"a cat\",\"usage\":{\"prompt_tokens\":1000,"
                + "\"completion_tokens\":100}},\"success\":true,\"errors\":[],\"messages\":[]}"));
        double[] before = spent();

        double flux = 0;
        for (int i = 0; i < 3; i++) {
            flux += runImage(FLUX, Map.of("prompt", "a cat", "steps", 4)).neurons();
        }
        double sdxl = runImage(SDXL, Map.of("prompt", "a cat", "width", 1024, "height", 1024)).neurons();
        double llama = run(LLAMA, Map.of("prompt", "猫"), ResponseDecoders.chatText()).neurons();

        assertThat(flux).isCloseTo(3 * 57.6, within(1e-9));
        assertThat(sdxl).isZero();
        assertThat(llama).isCloseTo((1000 * 4119 + 100 * 34868) / 1e6, within(1e-9));
        double[] after = spent();
        // Flux went where the most was left: one account has two images, the other one and the text.
        assertThat((after[0] - before[0]) + (after[1] - before[1])).isCloseTo(3 * 57.6 + llama, within(0.01));
        assertThat(Math.abs((after[0] - before[0]) - (after[1] - before[1]))).isCloseTo(57.6 - llama, within(0.01));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("workers_ai_neurons_total{account_index=\"0\",model=\"" + FLUX + "\""))
                .body(containsString("workers_ai_neurons_total{account_index=\"1\",model=\"" + FLUX + "\""))
                .body(not(containsString("token-a"))).body(not(containsString("acc-a")));
    }

    @Test
    void answersEachAccountsNeuronsUsedAndLeftByIndex() {
        stubAll(FLUX, fluxAnswer());
        runImage(FLUX, Map.of("prompt", "a cat", "steps", 4));

        given().get("/v1/neurons").then().statusCode(200)
                .body("day", is(clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().toString()))
                .body("dailyNeurons", is(10000)).body("shared", is(false))
                .body("accounts.index", contains(0, 1))
                .body("accounts.find { it.neuronsUsed > 0 }.neuronsLeft", is(9942.4f))
                .body(not(containsString("acc-a"))).body(not(containsString("token-a")));
    }

    @Test
    void failsOverToNextAccountOn429() {
        stub("acc-a", FLUX, error(429, 3040, "Capacity temporarily exceeded, please try again."));
        stub("acc-b", FLUX, fluxAnswer());

        for (int i = 0; i < 4; i++) {
            assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
        }
        // The rate-limited account rests after its first 429 instead of being asked again.
        wireMock.verify(1, postRequestedFor(urlPathMatching("/client/v4/accounts/acc-a/ai/run/.*")));
        wireMock.verify(4, postRequestedFor(urlPathMatching("/client/v4/accounts/acc-b/ai/run/.*")));
    }

    @Test
    void failsAtOnceWithTheUtcResetWhenEveryAccountIsOutOfQuota() {
        stubAll(FLUX, error(429, 4006, "you have used up your daily free allocation of 10,000 neurons, please upgrade"));

        Instant midnight = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThatThrownBy(() -> runImage(FLUX, Map.of("prompt", "a cat")))
                .isInstanceOfSatisfying(AccountsUnavailableException.class, e -> {
                    assertThat(e.quotaExhausted()).isTrue();
                    assertThat(e.availableAt()).isEqualTo(midnight);
                });
        wireMock.verify(2, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));

        // Later calls, for any model, fail without reaching Workers AI.
        assertThatThrownBy(() -> runImage(SDXL, Map.of("prompt", "a cat")))
                .isInstanceOf(AccountsUnavailableException.class);
        wireMock.verify(2, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));
    }

    @Test
    void honoursRetryAfterOfAServerError() {
        stubAll(FLUX, error(503, 3040, "Service busy").withHeader("Retry-After", "30"));

        assertThatThrownBy(() -> runImage(FLUX, Map.of("prompt", "a cat")))
                .isInstanceOfSatisfying(AccountsUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
        wireMock.verify(2, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/.*/ai/run/" + FLUX)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(error(500, 3043, "Internal server error"))
                .willSetStateTo("recovered"));
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/.*/ai/run/" + FLUX)).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(fluxAnswer()));

        WorkersAiResult<ImageStream> result = runImage(FLUX, Map.of("prompt", "a cat"));

        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheRetriesOnPersistentServerErrors() {
        stubAll(FLUX, error(500, 3043, "Internal server error"));

        assertThatThrownBy(() -> runImage(FLUX, Map.of("prompt", "a cat")))
                .isInstanceOf(UpstreamServerException.class).hasMessageContaining("500");
        wireMock.verify(5, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));
    }

    @Test
    void neverRetriesBadInput() {
        stubAll(FLUX, error(400, 5006, "Bad input: '/steps' must be <= 8"));

        assertThatThrownBy(() -> runImage(FLUX, Map.of("prompt", "a cat", "steps", 50)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be <= 8");
        wireMock.verify(1, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));
    }

    @Test
    void neverRetriesAnUnknownModel() {
        stubAll("@cf/nobody/nothing", error(400, 5007, "No such model @cf/nobody/nothing or task"));

        assertThatThrownBy(() -> runImage("@cf/nobody/nothing", Map.of("prompt", "a cat")))
                .isInstanceOf(UnknownModelException.class);
        wireMock.verify(1, postRequestedFor(urlPathMatching("/client/v4/accounts/.*")));
    }

    @Test
    void refusesAModelIdThatCouldLeaveTheRunPath() {
        assertThatThrownBy(() -> WorkersAiCall.streamed("@cf/../../user/tokens", Map.of(), ResponseDecoders.image()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> WorkersAiCall.streamed("flux?x=1", Map.of(), ResponseDecoders.image()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void retriesAMalformedAnswerOnTheOtherAccount() {
        stub("acc-a", FLUX, json("{\"result\":{\"unexpected\":true},\"success\":true,\"errors\":[],\"messages\":[]}"));
        stub("acc-b", FLUX, fluxAnswer());

        assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
        assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
    }

    @Test
    void refusedTokenMovesToTheOtherAccount() {
        stub("acc-a", FLUX, error(401, 10000, "Authentication error"));
        stub("acc-b", FLUX, fluxAnswer());

        assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
        assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
        wireMock.verify(postRequestedFor(urlPathMatching("/client/v4/accounts/acc-a/.*")).withHeader("Authorization",
                equalTo("Bearer token-a")));
    }

    @Test
    void slowAttemptTimesOutAndTheOtherAccountServes() {
        stub("acc-a", FLUX, fluxAnswer().withFixedDelay(4000));
        stub("acc-b", FLUX, fluxAnswer());

        // Whichever account the rotation starts on, the answer comes from acc-b well before acc-a's 4 s.
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            assertThat(runImage(FLUX, Map.of("prompt", "a cat")).accountIndex()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3000));
        }
    }

    @Test
    void streamsALargeImageThatArrivesInManyChunks() {
        byte[] large = new byte[300_000];
        new java.util.Random(7).nextBytes(large);
        System.arraycopy(JPEG, 0, large, 0, JPEG.length);
        // Slashes escaped, as JSON allows, and the body dribbled out in 37 pieces that split groups and escapes.
        String base64 = Base64.getEncoder().encodeToString(large).replace("/", "\\/");
        stubAll(FLUX, json("{\"result\":{\"image\":\"" + base64 + "\"},\"success\":true,\"errors\":[],\"messages\":[]}")
                .withChunkedDribbleDelay(37, 300));

        WorkersAiResult<ImageStream> result = runImage(FLUX, Map.of("prompt", "a cat"));

        assertThat(result.value().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(bytes(result.value())).isEqualTo(large);
    }

    private WorkersAiResult<ImageStream> runImage(String model, Map<String, ?> input) {
        return client.run(WorkersAiCall.streamed(model, input, ResponseDecoders.image())).await()
                .atMost(Duration.ofSeconds(20));
    }

    private double[] spent() {
        return new double[] { ledger.spent(0), ledger.spent(1) };
    }

    private static byte[] bytes(ImageStream image) {
        return Streams.readAll(image.head(), image.takeRest(), Duration.ofSeconds(20));
    }

    private <T> WorkersAiResult<T> run(String model, Map<String, ?> input, ResponseDecoder<T> decoder) {
        return client.run(WorkersAiCall.of(model, input, decoder)).await().atMost(Duration.ofSeconds(20));
    }

    private void stubAll(String model, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/[^/]+/ai/run/" + model)).willReturn(answer));
    }

    private void stub(String account, String model, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlEqualTo("/client/v4/accounts/" + account + "/ai/run/" + model)).willReturn(answer));
    }

    private static ResponseDefinitionBuilder fluxAnswer() {
        return json("{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(JPEG)
                + "\"},\"success\":true,\"errors\":[],\"messages\":[]}");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\""
                        + message + "\"}],\"messages\":[]}");
    }
}

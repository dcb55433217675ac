package dev.fluxsuite.translation.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.TestClock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class TranslationResourceTest {

    private static final String CHAT = "@cf/meta/llama-3.1-8b-instruct-fast";
    private static final String M2M = "@cf/meta/m2m100-1.2b";
    private static final String EXTERNAL = "/v1/chat/completions";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TestClock clock;

    @Inject
    ProviderState providers;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        clock.advance(Duration.ofDays(2));
        providers.forget();
    }

    static ValidatableResponse translate(String json) {
        return given().contentType("application/json").body(json).post("/v1/translations").then();
    }

    private void workersAi(String model, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/[^/]+/ai/run/" + model)).willReturn(answer));
    }

    private void external(ResponseDefinitionBuilder answer) {
        wireMock.stubFor(post(urlEqualTo(EXTERNAL)).willReturn(answer));
    }

    static ResponseDefinitionBuilder chat(String text) {
        return json("{\"result\":{\"response\":" + quote(text) + ",\"usage\":{\"total_tokens\":9}},\"success\":true,"
                + "\"errors\":[],\"messages\":[]}");
    }

    private static ResponseDefinitionBuilder m2m(String text) {
        return json("{\"result\":{\"translated_text\":" + quote(text) + "},\"success\":true,\"errors\":[],\"messages\":[]}");
    }

    private static ResponseDefinitionBuilder openAi(String text) {
        return json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-chat-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(text)
                + "},\"finish_reason\":\"stop\"}]}");
    }

    static ResponseDefinitionBuilder error(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"failed\"}]}");
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void englishWithoutEnhancementPassesThroughWithoutAnUpstreamCall() {
        translate("{\"text\":\"a cute cat on a windowsill\"}").statusCode(200)
                .body("translated", equalTo("a cute cat on a windowsill")).body("provider", equalTo("none"))
                .body("sourceLanguage", equalTo("en")).body("fallback", equalTo(false)).body("model", nullValue());
        wireMock.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void translatesChineseWithTheChatModel() {
        workersAi(CHAT, chat("a cute kitten, sitting on a windowsill"));

        translate("{\"text\":\"一只可爱的猫咪坐在窗台上\"}").statusCode(200)
                .body("original", equalTo("一只可爱的猫咪坐在窗台上"))
                .body("translated", equalTo("a cute kitten, sitting on a windowsill"))
                .body("sourceLanguage", equalTo("zh")).body("targetLanguage", equalTo("en"))
                .body("provider", equalTo("workers-ai")).body("model", equalTo(CHAT))
                .body("cached", equalTo(false)).body("fallback", equalTo(false)).body("enhanced", equalTo(false));
        wireMock.verify(1, postRequestedFor(urlPathMatching(".*/ai/run/" + CHAT))
                .withRequestBody(matchingJsonPath("$.messages[0].role", WireMock.equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("Add nothing that is not in the text")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", WireMock.equalTo("<text>\n一只可爱的猫咪坐在窗台上\n</text>"))));
    }

    @ParameterizedTest
    @CsvSource({ "かわいい猫が窓辺に座っている, ja", "창가에 앉은 귀여운 고양이, ko", "一只 cute cat 在东京, zh" })
    void detectsJapaneseKoreanAndMixedPrompts(String text, String language) {
        workersAi(CHAT, chat("a cute cat"));

        translate("{\"text\":\"" + text + "\"}").statusCode(200).body("sourceLanguage", equalTo(language))
                .body("provider", equalTo("workers-ai"));
    }

    @Test
    void enhancementAsksForTagsEvenForEnglish() {
        workersAi(CHAT, chat("a cute cat, masterpiece, best quality, highly detailed"));

        translate("{\"text\":\"a cute cat\",\"enhance\":true}").statusCode(200)
                .body("translated", equalTo("a cute cat, masterpiece, best quality, highly detailed"))
                .body("enhanced", equalTo(true));
        wireMock.verify(postRequestedFor(urlPathMatching(".*/ai/run/" + CHAT))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("quality and detail tags"))));
    }

    @Test
    void messyModelOutputBecomesOneCleanLine() {
        workersAi(CHAT, chat("<think>The user wants a cat.</think>\nSure! Here is the prompt:\n\"a cute cat,\nred hat\"\n"
                + "Note: brackets kept."));

        translate("{\"text\":\"戴红帽子的可爱猫咪\"}").statusCode(200).body("translated", equalTo("a cute cat, red hat"));
    }

    @Test
    void movesToM2m100OnRateLimits() {
        workersAi(CHAT, error(429, 3040));
        workersAi(M2M, m2m("a cute cat"));

        translate("{\"text\":\"一只可爱的猫咪\",\"enhance\":true}").statusCode(200)
                .body("provider", equalTo("m2m100")).body("model", equalTo(M2M)).body("enhanced", equalTo(false))
                .body("translated", equalTo("a cute cat"));
        wireMock.verify(postRequestedFor(urlPathMatching(".*/ai/run/" + M2M))
                .withRequestBody(equalToJson("{\"text\":\"一只可爱的猫咪\",\"source_lang\":\"zh\",\"target_lang\":\"en\"}")));
    }

    @Test
    void movesOnAfterServerErrorsTimeoutsAndMalformedAnswers() {
        workersAi(M2M, m2m("a cat"));

        workersAi(CHAT, error(500, 3043));
        translate("{\"text\":\"猫\"}").statusCode(200).body("provider", equalTo("m2m100"));

        workersAi(CHAT, chat("a cat").withFixedDelay(3000));
        translate("{\"text\":\"小猫\"}").statusCode(200).body("provider", equalTo("m2m100"));

        workersAi(CHAT, json("{\"result\":{\"unexpected\":true},\"success\":true,\"errors\":[],\"messages\":[]}"));
        translate("{\"text\":\"黑猫\"}").statusCode(200).body("provider", equalTo("m2m100"));
    }

    @Test
    void movesToTheExternalApiWithItsKey() {
        workersAi(CHAT, error(500, 3043));
        workersAi(M2M, error(500, 3043));
        external(openAi("a cute cat"));

        translate("{\"text\":\"一只可爱的猫咪\"}").statusCode(200).body("provider", equalTo("external"))
                .body("model", equalTo("test-chat-model")).body("translated", equalTo("a cute cat"));
        wireMock.verify(postRequestedFor(urlEqualTo(EXTERNAL))
                .withHeader("Authorization", WireMock.equalTo("Bearer sk-test-secret-key"))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("test-chat-model")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("一只可爱的猫咪"))));
    }

    @Test
    void externalRateLimitIsRetried() {
        workersAi(CHAT, error(500, 3043));
        workersAi(M2M, error(500, 3043));
        wireMock.stubFor(post(urlEqualTo(EXTERNAL)).inScenario("busy").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(429)
                        .withBody("{\"error\":{\"message\":\"Rate limit\",\"type\":\"rate_limit_error\"}}"))
                .willSetStateTo("free"));
        wireMock.stubFor(post(urlEqualTo(EXTERNAL)).inScenario("busy").whenScenarioStateIs("free").willReturn(openAi("a cat")));

        translate("{\"text\":\"猫\"}").statusCode(200).body("provider", equalTo("external"));
        wireMock.verify(2, postRequestedFor(urlEqualTo(EXTERNAL)));
    }

    @Test
    void fallsBackToTheOriginalTextWhenEveryProviderFails() {
        workersAi(CHAT, error(500, 3043));
        workersAi(M2M, error(503, 3043));
        external(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}"));

        long start = System.nanoTime();
        translate("{\"text\":\"一只可爱的猫咪\"}").statusCode(200)
                .body("translated", equalTo("一只可爱的猫咪")).body("fallback", equalTo(true))
                .body("provider", equalTo("none"))
                .body("fallbackReason", containsString("workers-ai: Workers AI answered 500"))
                .body("fallbackReason", containsString("m2m100:"))
                .body("fallbackReason", containsString("external: The external chat API answered 500 (boom)"))
                .body(not(containsString("sk-test-secret-key"))).body(not(containsString("token-a")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aRefusedKeyQuotedByTheExternalApiNeverReachesTheAnswer() {
        workersAi(CHAT, error(500, 3043));
        workersAi(M2M, error(500, 3043));
        external(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: sk-test-secret-key\"}}"));

        translate("{\"text\":\"一只猫\"}").statusCode(200).body("fallback", equalTo(true))
                .body("fallbackReason", containsString("Incorrect API key provided: ***"))
                .body(not(containsString("sk-test-secret-key")));
    }

    @Test
    void aSecondIdenticalRequestComesFromTheCache() {
        workersAi(CHAT, chat("a cute cat"));

        translate("{\"text\":\"一只可爱的猫咪\"}").statusCode(200).body("cached", equalTo(false));
        translate("{\"text\":\"一只可爱的猫咪\"}").statusCode(200).body("cached", equalTo(true))
                .body("translated", equalTo("a cute cat")).body("provider", equalTo("workers-ai"));
        translate("{\"text\":\"一只可爱的猫咪\",\"enhance\":true}").statusCode(200).body("cached", equalTo(false));

        wireMock.verify(2, postRequestedFor(urlPathMatching(".*/ai/run/" + CHAT)));
    }

    @Test
    void fallbacksAreNotCached() {
        workersAi(CHAT, error(500, 3043));
        workersAi(M2M, error(500, 3043));
        external(aResponse().withStatus(500));
        translate("{\"text\":\"小狗\"}").statusCode(200).body("fallback", equalTo(true));

        workersAi(CHAT, chat("a puppy"));
        translate("{\"text\":\"小狗\"}").statusCode(200).body("fallback", equalTo(false)).body("translated", equalTo("a puppy"));
    }

    @Test
    void badRequestsSayWhatToFix() {
        translate("{}").statusCode(400).body("error.code", equalTo("invalid_request"))
                .body("error.message", equalTo("text is required"));
        translate("{\"text\":\"猫\",\"targetLanguage\":\"xx\"}").statusCode(400)
                .body("error.message", containsString("targetLanguage must be one of en, zh"));
        translate("{\"text\":").statusCode(400).body("error.code", equalTo("invalid_json"));
        translate("{\"text\":\"" + "猫".repeat(2049) + "\"}").statusCode(400)
                .body("error.message", equalTo("text must be at most 2048 characters"));
    }

    @Test
    void listsTheModelsInTheOrderTheyAreTried() {
        given().get("/v1/models").then().statusCode(200)
                .body("models.id", org.hamcrest.Matchers.contains(CHAT, M2M, "test-chat-model"))
                .body("models.provider", org.hamcrest.Matchers.contains("workers-ai", "m2m100", "external"))
                .body("models[0].task", equalTo("translation"));
    }

    @Test
    void isReadyWhenAProviderIsUsable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("usable, " + CHAT)).body(not(containsString("sk-test")));
    }
}

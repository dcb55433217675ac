package dev.fluxsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.fluxsuite.testsupport.Images;
import dev.fluxsuite.testsupport.InjectSuite;
import dev.fluxsuite.testsupport.Secrets;
import dev.fluxsuite.testsupport.SuiteControl;
import dev.fluxsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The public API end to end: the built gateway in front of the built translation-service, image-service and
 * emulator, each a process of its own. Outages of the services run last.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SuiteTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayEndToEndIT {

    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\((http[^)]+)\\)");

    private static final List<String> BODIES = new CopyOnWriteArrayList<>();

    @InjectSuite
    SuiteControl suite;

    @BeforeAll
    static void recordEveryAnswer() {
        RestAssured.filters((request, response, context) -> {
            Response answer = context.next(request, response);
            BODIES.add(answer.getHeaders().toString() + "\n" + answer.asString());
            return answer;
        });
    }

    @AfterAll
    static void stopRecording() {
        RestAssured.reset();
    }

    private static RequestSpecification withKey() {
        return given().header("Authorization", "Bearer suite-key-2").contentType("application/json");
    }

    @Test
    @Order(1)
    void theSeedsCurlExampleWorksUnchanged() {
        JsonPath answer = withKey()
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"一只可爱的猫咪\"}],\"model\":\"FLUX.1-Schnell-CF\",\"stream\":false}")
                .post("/api/image").then().statusCode(200)
                .body("prompt", equalTo("一只可爱的猫咪"))
                .body("translatedPrompt", containsString("一只可爱的猫咪"))
                .body("translation.provider", equalTo("workers-ai"))
                .body("model", equalTo("FLUX.1-Schnell-CF"))
                .body("contentType", equalTo("image/jpeg"))
                .extract().jsonPath();

        BufferedImage image = Images.decodeBase64(answer.getString("image"));
        assertThat(image.getWidth()).isEqualTo(1024);
    }

    @Test
    @Order(2)
    void generateImageTakesAPromptAndATrailingRatioPicksTheSize() {
        JsonPath answer = withKey().body("{\"prompt\":\"a lighthouse at dawn 16:9\",\"model\":\"SD-XL-Lightning-CF\"}")
                .post("/api/generate-image").then().statusCode(200)
                .body("prompt", equalTo("a lighthouse at dawn")).body("size", equalTo("1368x768"))
                .body("translation.provider", equalTo("none")).extract().jsonPath();

        assertThat(Images.decodeBase64(answer.getString("image")).getWidth()).isEqualTo(1368);
    }

    @Test
    @Order(3)
    void seedStreamSendsProgressThenTheResult() {
        String body = withKey().body("{\"messages\":[{\"role\":\"user\",\"content\":\"一只猫\"}],\"stream\":true,"
                + "\"model\":\"DS-8-CF\",\"size\":\"512x512\"}").post("/api/image").then().statusCode(200)
                .contentType(startsWith("text/event-stream")).extract().asString();

        ServerSentEvents events = ServerSentEvents.parse(body);
        assertThat(events.names()).containsExactly("progress", "progress", "progress", "result");
        assertThat(events.events().get(0).data()).contains("\"stage\":\"translating\"");
        assertThat(events.events().get(1).data()).contains("\"stage\":\"translated\"");
        assertThat(events.events().get(2).data()).contains("\"stage\":\"generating\"");
        String image = JsonPath.from(events.events().get(3).data()).getString("image");
        assertThat(Images.decodeBase64(image).getHeight()).isEqualTo(512);
    }

    @Test
    @Order(4)
    void openAiImagesAnswerBase64OrAUrlThatServesTheImage() {
        JsonPath b64 = withKey().body("{\"prompt\":\"a red fox\",\"model\":\"SD-XL-Bash-CF\",\"size\":\"512x768\","
                + "\"response_format\":\"b64_json\",\"n\":2}").post("/v1/images/generations").then().statusCode(200)
                .body("data", hasSize(2)).body("data[0].revised_prompt", equalTo("a red fox"))
                .body("created", notNullValue()).extract().jsonPath();
        assertThat(Images.decodeBase64(b64.getString("data[1].b64_json")).getHeight()).isEqualTo(768);

        String url = withKey().body("{\"prompt\":\"一只小狗\",\"model\":\"SD-XL-Lightning-CF\",\"size\":\"640x640\"}")
                .post("/v1/images/generations").then().statusCode(200)
                .body("data[0].revised_prompt", containsString("一只小狗")).extract().path("data[0].url");
        byte[] image = given().get(url).then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(Images.decode(image).getWidth()).isEqualTo(640);
    }

    @Test
    @Order(5)
    void chatCompletionAnswersMarkdownWithAWorkingImageUrl() {
        String content = withKey().body("{\"model\":\"FLUX.1-Schnell-CF\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"You are helpful\"},{\"role\":\"user\",\"content\":\"a castle in the clouds\"}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("object", equalTo("chat.completion")).body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].message.role", equalTo("assistant"))
                .extract().path("choices[0].message.content");

        assertThat(content).contains("**Prompt:** a castle in the clouds", "**Model:** FLUX.1-Schnell-CF", "**Seed:**");
        assertImageAt(content);
    }

    @Test
    @Order(6)
    void chatCompletionStreamsChunksAndDone() {
        String body = withKey().body("{\"model\":\"SD-XL-Lightning-CF\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"一只戴帽子的猫\"}]}]}").post("/v1/chat/completions").then()
                .statusCode(200).contentType(startsWith("text/event-stream")).extract().asString();

        List<ServerSentEvents.Event> events = ServerSentEvents.parse(body).events();
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        List<JsonPath> chunks = events.subList(0, events.size() - 1).stream().map(e -> JsonPath.from(e.data())).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.getString("id")).isEqualTo(chunks.get(0).getString("id"));
        });
        assertThat(chunks.get(0).getString("choices[0].delta.role")).isEqualTo("assistant");
        assertThat(chunks.get(chunks.size() - 1).getString("choices[0].finish_reason")).isEqualTo("stop");
        String content = String.join("", chunks.stream().map(c -> c.getString("choices[0].delta.content"))
                .filter(text -> text != null).toList());
        assertThat(content).contains("Translating", "Generating with SD-XL-Lightning-CF");
        assertImageAt(content);
    }

    @Test
    @Order(7)
    void modelListsCombineBothServicesAndStayOpen() {
        given().get("/api/models").then().statusCode(200)
                .body("models.id", hasItem("SD-XL-Bash-CF")).body("models[0].name", equalTo("FLUX.1 [schnell]"))
                .body("translationModels.provider", hasItem("workers-ai"));
        given().get("/v1/models").then().statusCode(200).body("object", equalTo("list"))
                .body("data.id", hasItem("FLUX.1-Schnell-CF")).body("data[0].object", equalTo("model"))
                .body("data.owned_by", hasItem("translation:m2m100"));
        given().get("/api/status").then().statusCode(200).body("'image-service'.ready", equalTo(true))
                .body("settings.API_KEY", equalTo("set")).body("settings.QUARKUS_REDIS_HOSTS", equalTo("default"))
                .body("sharedState", containsString("not configured"))
                .body(org.hamcrest.Matchers.not(containsString("suite-key")));
    }

    @Test
    @Order(8)
    void callsThatGenerateNeedAValidKey() {
        given().contentType("application/json").body("{\"prompt\":\"a cat\"}").post("/api/generate-image").then()
                .statusCode(401).body("code", equalTo("invalid_api_key")).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").contentType("application/json").body("{\"prompt\":\"a cat\"}")
                .post("/v1/images/generations").then().statusCode(401)
                .body("error.type", equalTo("authentication_error")).body(org.hamcrest.Matchers.not(containsString("wrong")));
        given().header("Authorization", "Basic c3VpdGU=").contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").post("/v1/chat/completions").then()
                .statusCode(401).body("error.message", containsString("Bearer"));
    }

    @Test
    @Order(9)
    void badInputIsA4xxThatSaysWhatToFix() {
        withKey().body("{\"prompt\":").post("/api/generate-image").then().statusCode(400).body("code", equalTo("invalid_json"));
        withKey().body("{\"prompt\":\"a cat\",\"steps\":\"many\"}").post("/api/generate-image").then().statusCode(400)
                .body("error", containsString("'steps'"));
        withKey().body("{\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\"}]}").post("/api/image").then()
                .statusCode(400).body("code", equalTo("missing_prompt"));
        withKey().body("{\"prompt\":\"" + "x".repeat(2049) + "\"}").post("/api/generate-image").then().statusCode(400)
                .body("code", equalTo("prompt_too_long"));
        withKey().body("{\"prompt\":\"a cat\",\"model\":\"dall-e-3\"}").post("/v1/images/generations").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.message", containsString("SD-XL-Bash-CF"));
        withKey().body("{\"prompt\":\"a cat\",\"n\":5}").post("/v1/images/generations").then().statusCode(400)
                .body("error.param", equalTo("n"));
        withKey().body("{\"prompt\":\"a cat\",\"model\":\"DS-8-CF\",\"size\":\"5000x5000\"}").post("/v1/images/generations")
                .then().statusCode(400).body("error.message", containsString("between 256 and 2048"));
        withKey().body("{\"prompt\":\"a cat\",\"size\":\"big\"}").post("/v1/images/generations").then().statusCode(400)
                .body("error.code", equalTo("invalid_size"));
        withKey().body("{\"prompt\":\"" + "x".repeat(1_100_000) + "\"}").post("/api/generate-image").then().statusCode(413);
        given().get("/images/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);
    }

    @Test
    @Order(20)
    void withTranslationDownTheOriginalPromptIsUsedAndTheAnswerSaysSo() {
        suite.translation().stop();
        try {
            withKey().body("{\"prompt\":\"一只生气的猫\",\"model\":\"SD-XL-Lightning-CF\",\"size\":\"256x256\"}")
                    .post("/api/generate-image").then().statusCode(200)
                    .body("translatedPrompt", equalTo("一只生气的猫")).body("translation.fallback", equalTo(true))
                    .body("translation.fallbackReason", containsString("translation-service"));
            given().get("/api/models").then().statusCode(200).body("models.id", hasItem("DS-8-CF"))
                    .body("warnings[0]", containsString("translation-service"));
        } finally {
            suite.translation().start();
        }
    }

    @Test
    @Order(21)
    void withImageServiceDownGenerationIsAClear503() {
        suite.image().stop();
        try {
            withKey().body("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").post("/api/generate-image").then()
                    .statusCode(503).body("code", equalTo("image_service_unavailable"))
                    .body("error", containsString("image-service"));
            withKey().body("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").post("/v1/images/generations").then()
                    .statusCode(503).body("error.type", equalTo("server_error"));
        } finally {
            suite.image().start();
        }
    }

    @Test
    @Order(25)
    void everyAccountOutOfQuotaIs429WithRetryAfterInBothShapes() {
        // Leaves both accounts out until 00:00 UTC: the last test that generates.
        suite.emulator().fault("{\"mode\":\"quota-exhausted\"}");
        withKey().body("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").post("/api/generate-image").then()
                .statusCode(429).header("Retry-After", notNullValue()).body("code", equalTo("daily_quota_exhausted"));
        withKey().body("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\"}").post("/v1/images/generations").then()
                .statusCode(429).header("Retry-After", notNullValue()).body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("insufficient_quota"));
    }

    @Test
    @Order(30)
    void noKeyOrTokenShowsInAnyLogLineOrAnswer() {
        assertThat(BODIES).isNotEmpty();
        assertThat(Secrets.leaks(Secrets.SUITE, BODIES, Secrets.SUITE_LOGS)).isEmpty();
    }

    private static void assertImageAt(String markdown) {
        Matcher matcher = MARKDOWN_IMAGE.matcher(markdown);
        assertThat(matcher.find()).as("an image in %s", markdown).isTrue();
        Response image = given().get(matcher.group(1));
        assertThat(image.statusCode()).isEqualTo(200);
        Images.decode(image.asByteArray());
    }
}

package dev.fluxsuite.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.awt.image.BufferedImage;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fluxsuite.testsupport.Images;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RunResourceTest {

    static final String RUN = "/client/v4/accounts/demo-account-1/ai/run/";
    static final String TOKEN = "Bearer demo-token-1";

    @AfterEach
    void reset() {
        given().post("/emulator/reset").then().statusCode(204);
    }

    static ValidatableResponse run(String model, String body) {
        return given().header("Authorization", TOKEN).contentType("application/json").body(body)
                .post(RUN + model).then();
    }

    @Test
    void fluxAnswersJsonWithABase64Jpeg() {
        String image = run("@cf/black-forest-labs/flux-1-schnell", "{\"prompt\":\"a cute cat\",\"steps\":4}")
                .statusCode(200).contentType("application/json")
                .body("success", equalTo(true)).body("errors.size()", equalTo(0))
                .extract().path("result.image");

        byte[] jpeg = Base64.getDecoder().decode(image);
        assertThat(Images.format(jpeg)).isEqualTo("jpeg");
        BufferedImage decoded = Images.decode(jpeg);
        assertThat(decoded.getWidth()).isEqualTo(1024);
        assertThat(decoded.getHeight()).isEqualTo(1024);
    }

    @ParameterizedTest
    @ValueSource(strings = { "@cf/stabilityai/stable-diffusion-xl-base-1.0", "@cf/bytedance/stable-diffusion-xl-lightning",
            "@cf/lykon/dreamshaper-8-lcm" })
    void stableDiffusionAnswersARawPngOfTheRequestedSize(String model) {
        byte[] png = run(model, "{\"prompt\":\"a cute cat\",\"width\":768,\"height\":512,\"num_steps\":20}")
                .statusCode(200).contentType("image/png").extract().asByteArray();

        assertThat(Images.format(png)).isEqualTo("png");
        BufferedImage decoded = Images.decode(png);
        assertThat(decoded.getWidth()).isEqualTo(768);
        assertThat(decoded.getHeight()).isEqualTo(512);
    }

    @Test
    void phoenixAnswersARawJpegAndLucidAJsonJpeg() {
        byte[] jpeg = run("@cf/leonardo/phoenix-1.0", "{\"prompt\":\"a cat\",\"width\":640,\"height\":384}")
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertThat(Images.decode(jpeg).getWidth()).isEqualTo(640);

        String image = run("@cf/leonardo/lucid-origin", "{\"prompt\":\"a cat\",\"width\":512,\"height\":800}")
                .statusCode(200).extract().path("result.image");
        BufferedImage lucid = Images.decode(Base64.getDecoder().decode(image));
        assertThat(lucid.getHeight()).isEqualTo(800);
    }

    @Test
    void sameRequestGivesTheSamePictureAndAnotherSeedAnother() {
        String body = "{\"prompt\":\"a red fox\",\"width\":256,\"height\":256,\"seed\":%d}";
        String model = "@cf/bytedance/stable-diffusion-xl-lightning";
        byte[] first = run(model, body.formatted(7)).statusCode(200).extract().asByteArray();
        byte[] again = run(model, body.formatted(7)).statusCode(200).extract().asByteArray();
        byte[] other = run(model, body.formatted(8)).statusCode(200).extract().asByteArray();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void chatModelsAnswerResponseMarkedAsEmulated() {
        run("@cf/meta/llama-3.1-8b-instruct-fast",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"translate\"},{\"role\":\"user\",\"content\":\"一只猫\"}]}")
                .statusCode(200).body("result.response", startsWith("[emulated @cf/meta/llama-3.1-8b-instruct-fast]"))
                .body("result.response", containsString("一只猫"))
                .body("result.usage.total_tokens", greaterThan(0));
    }

    @Test
    void chatModelsTakeAPromptToo() {
        run("@cf/qwen/qwen1.5-14b-chat-awq", "{\"prompt\":\"hello\"}")
                .statusCode(200).body("result.response", containsString("hello"));
    }

    @Test
    void chatStreamsServerSentEventsEndingInDone() {
        String events = run("@cf/meta/llama-3.3-70b-instruct-fp8-fast", "{\"prompt\":\"a small cat\",\"stream\":true}")
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        assertThat(events).startsWith("data: {\"response\":").endsWith("data: [DONE]\n\n").contains("cat");
    }

    @Test
    void m2m100AnswersTranslatedText() {
        run("@cf/meta/m2m100-1.2b", "{\"text\":\"一只猫\",\"source_lang\":\"zh\",\"target_lang\":\"en\"}")
                .statusCode(200).body("result.translated_text", equalTo("[emulated zh->en] 一只猫"));
    }

    @Test
    void wrongOrMissingTokenIsCloudflaresAuthenticationError() {
        given().header("Authorization", "Bearer demo-token-2").contentType("application/json").body("{\"prompt\":\"x\"}")
                .post(RUN + "@cf/black-forest-labs/flux-1-schnell").then().statusCode(401)
                .body("success", equalTo(false)).body("errors[0].code", equalTo(10000))
                .body("errors[0].message", equalTo("Authentication error"));
        given().contentType("application/json").body("{\"prompt\":\"x\"}")
                .post(RUN + "@cf/black-forest-labs/flux-1-schnell").then().statusCode(401);
        given().header("Authorization", TOKEN).contentType("application/json").body("{\"prompt\":\"x\"}")
                .post("/client/v4/accounts/nobody/ai/run/@cf/black-forest-labs/flux-1-schnell").then().statusCode(401);
    }

    @Test
    void unknownModelIs5007() {
        run("@cf/nobody/no-such-model", "{\"prompt\":\"x\"}").statusCode(400)
                .body("errors[0].code", equalTo(5007))
                .body("errors[0].message", equalTo("No such model @cf/nobody/no-such-model or task"));
    }

    @Test
    void inputOutsideTheSchemaIsBadInput() {
        run("@cf/black-forest-labs/flux-1-schnell", "{\"prompt\":\"x\",\"steps\":50}").statusCode(400)
                .body("errors[0].code", equalTo(5006)).body("errors[0].message", containsString("'/steps' must be <= 8"));
        run("@cf/black-forest-labs/flux-1-schnell", "{\"prompt\":\"x\",\"num_steps\":4}").statusCode(400)
                .body("errors[0].message", containsString("additionalProperties 'num_steps'"));
        run("@cf/stabilityai/stable-diffusion-xl-base-1.0", "{\"prompt\":\"x\",\"width\":100}").statusCode(400)
                .body("errors[0].message", containsString("'/width' must be >= 256"));
        run("@cf/stabilityai/stable-diffusion-xl-base-1.0", "{\"prompt\":\"x\",\"num_steps\":21}").statusCode(400)
                .body("errors[0].message", containsString("'/num_steps' must be <= 20"));
        run("@cf/stabilityai/stable-diffusion-xl-base-1.0", "{\"prompt\":\"x\",\"height\":\"big\"}").statusCode(400)
                .body("errors[0].message", containsString("Type mismatch of '/height', 'string' not in 'integer'"));
        run("@cf/lykon/dreamshaper-8-lcm", "{\"width\":512}").statusCode(400)
                .body("errors[0].message", containsString("required properties at '/' are 'prompt'"));
        run("@cf/black-forest-labs/flux-1-schnell", "{\"prompt\":\"" + "x".repeat(2049) + "\"}").statusCode(400)
                .body("errors[0].message", containsString("'/prompt' must be <= 2048 characters"));
        run("@cf/meta/llama-3.1-8b-instruct-fast", "{\"max_tokens\":5}").statusCode(400)
                .body("errors[0].message", containsString("oneOf at '/' not met"));
        run("@cf/meta/m2m100-1.2b", "{\"text\":\"x\"}").statusCode(400)
                .body("errors[0].message", containsString("'target_lang'"));
        run("@cf/black-forest-labs/flux-1-schnell", "{\"prompt\":").statusCode(400)
                .body("errors[0].message", containsString("not valid JSON"));
    }

    @Test
    void modelSearchListsTheEmulatedModelsOfATask() {
        given().header("Authorization", TOKEN).queryParam("task", "Text-to-Image")
                .get("/client/v4/accounts/demo-account-1/ai/models/search").then().statusCode(200)
                .body("success", equalTo(true))
                .body("result.name", hasItem("@cf/black-forest-labs/flux-1-schnell"))
                .body("result.name", hasItem("@cf/bytedance/stable-diffusion-xl-lightning"))
                .body("result.task.name", everyItem(equalTo("Text-to-Image")))
                .body("result_info.total_count", equalTo(6));
        given().get("/client/v4/accounts/demo-account-1/ai/models/search").then().statusCode(401);
    }
}

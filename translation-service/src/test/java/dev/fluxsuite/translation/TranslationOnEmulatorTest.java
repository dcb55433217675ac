package dev.fluxsuite.translation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.EmulatorControl;
import dev.fluxsuite.testsupport.EmulatorTestResource;
import dev.fluxsuite.testsupport.InjectEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** translation-service against the real emulator; each test uses its own text, so the cache never answers for it. */
@QuarkusTest
@QuarkusTestResource(value = EmulatorTestResource.class, restrictToAnnotatedClass = true)
class TranslationOnEmulatorTest {

    private static final String CHAT = "@cf/meta/llama-3.1-8b-instruct-fast";

    @InjectEmulator
    EmulatorControl emulator;

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private static ValidatableResponse translate(String text) {
        return given().contentType("application/json").body("{\"text\":\"" + text + "\"}").post("/v1/translations").then();
    }

    @Test
    void chinesePromptIsTranslatedByTheConfiguredChatModel() {
        translate("一只可爱的猫咪坐在窗台上").statusCode(200)
                .body("provider", equalTo("workers-ai")).body("model", equalTo(CHAT))
                .body("sourceLanguage", equalTo("zh")).body("fallback", equalTo(false))
                // The emulator echoes what it was sent, tags and all; cleaning leaves one line.
                .body("translated", equalTo("[emulated " + CHAT + "], 一只可爱的猫咪坐在窗台上"));
    }

    @Test
    void aServerErrorOfTheChatModelLeavesTheTranslationToM2m100() {
        emulator.fault("{\"model\":\"" + CHAT + "\",\"mode\":\"server-error\"}");

        translate("一只小狗在草地上奔跑").statusCode(200)
                .body("provider", equalTo("m2m100")).body("translated", equalTo("[emulated zh->en] 一只小狗在草地上奔跑"));
    }

    @Test
    void everyProviderFailingGivesTheOriginalTextWithinTheTimeLimit() {
        emulator.fault("{\"mode\":\"server-error\"}");

        long start = System.nanoTime();
        translate("夜晚的赛博朋克城市").statusCode(200)
                .body("fallback", equalTo(true)).body("translated", equalTo("夜晚的赛博朋克城市"))
                .body("fallbackReason", containsString("workers-ai: Workers AI answered 500"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
}

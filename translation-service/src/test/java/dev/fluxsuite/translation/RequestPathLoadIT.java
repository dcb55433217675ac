package dev.fluxsuite.translation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.EmulatorTestResource;
import dev.fluxsuite.testsupport.Load;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Translations under a short load, each checked: new prompts in several languages, repeated ones from the cache, and
 * English ones that need none. It runs last, so that the AOT cache the build trains on this launch
 * ({@code quarkus.package.jar.aot.enabled}) holds the request path's classes and profiles.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = EmulatorTestResource.class, restrictToAnnotatedClass = true)
@Order(Integer.MAX_VALUE)
class RequestPathLoadIT {

    private static final List<String> TEXTS = List.of("一只可爱的猫咪 %d", "一只小狗在草地上奔跑", "a cute cat %d",
            "un chat mignon %d", "かわいい猫 %d");

    @Test
    void translatesEveryKindOfPromptUnderLoad() {
        List<Load.Answer> answers = Load.run(400, 16, i -> HttpRequest
                .newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/translations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString("{\"text\":\"" + TEXTS.get(i % TEXTS.size()).formatted(i) + "\"}"))
                .build());

        assertThat(answers).hasSize(400).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"translated\"").doesNotContain("\"fallback\":true");
        });
    }
}

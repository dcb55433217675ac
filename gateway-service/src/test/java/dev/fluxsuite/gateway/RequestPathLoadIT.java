package dev.fluxsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.Load;
import dev.fluxsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Every public generating endpoint under a short load, each answer checked. It runs last, so that the AOT cache the
 * build trains on this launch ({@code quarkus.package.jar.aot.enabled}) holds the request path's classes and profiles.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SuiteTestResource.class, restrictToAnnotatedClass = true)
@Order(Integer.MAX_VALUE)
class RequestPathLoadIT {

    private record Call(String path, String body, String answerHas) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("/api/image", "{\"messages\":[{\"role\":\"user\",\"content\":\"a cute cat\"}],"
                    + "\"model\":\"FLUX.1-Schnell-CF\"}", "\"image\""),
            new Call("/api/image", "{\"messages\":[{\"role\":\"user\",\"content\":\"一只可爱的猫咪 %d\"}],"
                    + "\"model\":\"FLUX.1-Schnell-CF\"}", "\"translatedPrompt\""),
            new Call("/api/image", "{\"messages\":[{\"role\":\"user\",\"content\":\"一只猫 %d\"}],\"stream\":true,"
                    + "\"model\":\"SD-XL-Lightning-CF\",\"size\":\"512x512\"}", "data:"),
            new Call("/api/generate-image", "{\"prompt\":\"a lighthouse at dawn %d\",\"model\":\"SD-XL-Lightning-CF\","
                    + "\"size\":\"256x256\"}", "\"image\""),
            new Call("/v1/images/generations", "{\"prompt\":\"a red fox\",\"model\":\"FLUX.1-Schnell-CF\","
                    + "\"response_format\":\"b64_json\"}", "\"b64_json\""),
            new Call("/v1/images/generations", "{\"prompt\":\"一只小狗 %d\",\"model\":\"DS-8-CF\",\"size\":\"512x512\"}",
                    "\"url\""),
            new Call("/v1/chat/completions", "{\"model\":\"FLUX.1-Schnell-CF\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"a castle in the clouds\"}]}", "chat.completion"),
            new Call("/v1/chat/completions", "{\"model\":\"SD-XL-Lightning-CF\",\"stream\":true,\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"一只戴帽子的猫 %d\"}]}", "[DONE]"));

    @Test
    void answersEveryGeneratingEndpointUnderLoad() {
        IntFunction<HttpRequest> request = i -> {
            Call call = CALLS.get(i % CALLS.size());
            return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + call.path()))
                    .header("Authorization", "Bearer suite-key-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body().formatted(i))).build();
        };

        List<Load.Answer> answers = Load.run(400, 16, request);

        assertThat(answers).hasSize(400).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains(CALLS.get(answer.index() % CALLS.size()).answerHas());
        });
    }
}

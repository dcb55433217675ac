package dev.fluxsuite.image;

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
 * Generations on models of both answer formats under a short load, each checked. It runs last, so that the AOT cache the build
 * trains on this launch ({@code quarkus.package.jar.aot.enabled}) holds the request path's classes and profiles.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = EmulatorTestResource.class, restrictToAnnotatedClass = true)
@Order(Integer.MAX_VALUE)
class RequestPathLoadIT {

    /** Models answering base64 in JSON (Flux) and models answering bytes. */
    private static final List<String> BODIES = List.of("{\"prompt\":\"a cute cat %d\",\"model\":\"FLUX.1-Schnell-CF\"}",
            "{\"prompt\":\"a red fox %d\",\"model\":\"SD-XL-Lightning-CF\",\"width\":512,\"height\":512}",
            "{\"prompt\":\"a red fox %d\",\"model\":\"DS-8-CF\",\"width\":512,\"height\":512}",
            "{\"prompt\":\"a lighthouse %d\",\"model\":\"SD-XL-Bash-CF\",\"width\":512,\"height\":512}");

    @Test
    void answersEveryKindOfImageUnderLoad() {
        List<Load.Answer> answers = Load.run(400, 16, i -> {
            return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/images"))
                    .header("Content-Type", "application/json").header("Accept", "image/*")
                    .POST(HttpRequest.BodyPublishers.ofString(BODIES.get(i % BODIES.size()).formatted(i))).build();
        });

        assertThat(answers).hasSize(400).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).hasSizeGreaterThan(1000);
        });
    }
}

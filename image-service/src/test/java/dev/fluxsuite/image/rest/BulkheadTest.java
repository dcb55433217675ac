package dev.fluxsuite.image.rest;

import static dev.fluxsuite.image.rest.WorkersAiStubs.SDXL;
import static dev.fluxsuite.image.rest.WorkersAiStubs.png;
import static dev.fluxsuite.image.rest.WorkersAiStubs.stubAll;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** With room for two generations and one waiting, a fourth at the same time is turned away with a clear 503. */
@QuarkusTest
@TestProfile(BulkheadTest.SmallBulkhead.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class BulkheadTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void turnsAwayGenerationsBeyondTheBulkheadWith503() {
        stubAll(wireMock, SDXL, png().withFixedDelay(800));

        List<Response> responses;
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            responses = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().contentType("application/json")
                            .body("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}").post("/v1/images"), clients))
                    .toList().stream().map(CompletableFuture::join).toList();
        }

        assertThat(responses).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 200, 200, 503);
        Response refused = responses.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("overloaded");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
    }

    public static class SmallBulkhead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("image.max-concurrent", "2", "image.max-queued", "1");
        }
    }
}

package dev.fluxsuite.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Requests that find the model list stale together share one fetch of it, and each still sends image-service its
 * own request id: the fetch ends on its first caller's context, not on theirs.
 */
@QuarkusTest
@TestProfile(RequestIdUnderBurstTest.StaleModelList.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class RequestIdUnderBurstTest {

    private static final int BURST = 20;
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void requestsThatShareAModelListFetchEachSendTheirOwnId() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(ServiceAnswers.A_CAT_PASSED_THROUGH)));
        wireMock.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withFixedDelay(500)
                .withHeader("Content-Type", "application/json")
                .withBody(ServiceAnswers.FLUX_ONLY)));
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(PNG)));
        ExecutorService clients = Executors.newFixedThreadPool(BURST);

        List<Future<Integer>> answers = IntStream.range(0, BURST).mapToObj(i -> clients.submit(() -> given()
                .header("Authorization", "Bearer test-key").header("X-Request-Id", "burst-" + i)
                .contentType("application/json").body("{\"prompt\":\"a cat\"}").post("/api/generate-image")
                .statusCode())).toList();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        clients.shutdown();

        assertThat(wireMock.findAll(getRequestedFor(urlEqualTo("/v1/models")))).as("the burst shared a fetch")
                .hasSizeLessThan(BURST);
        for (int i = 0; i < BURST; i++) {
            wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/images")).withHeader("X-Request-Id",
                    equalTo("burst-" + i)));
        }
    }

    /** The list is stale for every request, so that a burst finds a fetch under way. */
    public static class StaleModelList extends ServicesOnWireMock {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.image-service-url", "${wiremock.url}", "gateway.translation-service-url",
                    "${wiremock.url}", "gateway.model-list-ttl", "PT0.001S");
        }
    }
}

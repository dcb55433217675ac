package dev.fluxsuite.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The request id travels from the client through the gateway to both services, and back in the answer. */
@QuarkusTest
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class RequestIdTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void stubServices() {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody(
                        "{\"original\":\"一只猫\",\"translated\":\"a cat\",\"sourceLanguage\":\"zh\","
                                + "\"provider\":\"workers-ai\",\"model\":\"m\",\"enhanced\":false,\"cached\":false,\"fallback\":false}")));
        wireMock.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"models\":[{\"id\":\"SD-XL-Lightning-CF\",\"name\":\"SDXL-Lightning\",\"upstreamModel\":"
                        + "\"@cf/bytedance/stable-diffusion-xl-lightning\",\"family\":\"stable-diffusion\",\"defaultSteps\":20,"
                        + "\"maxSteps\":20,\"sizes\":{\"min\":256,\"max\":2048,\"defaultSize\":1024,\"multipleOf\":8},"
                        + "\"guidance\":{\"min\":0,\"max\":30,\"defaultValue\":7.5},\"negativePrompt\":true,\"output\":\"image/png\"}]}")));
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withHeader("X-Model", "SD-XL-Lightning-CF").withHeader("X-Seed", "7").withBody(PNG)));
    }

    @Test
    void aClientsRequestIdReachesBothServicesAndComesBack() {
        given().header("Authorization", "Bearer test-key").header("X-Request-Id", "client-chosen-42")
                .contentType("application/json").body("{\"prompt\":\"一只猫\"}").post("/api/generate-image").then()
                .statusCode(200).header("X-Request-Id", "client-chosen-42");

        wireMock.verify(
                postRequestedFor(urlEqualTo("/v1/translations")).withHeader("X-Request-Id", equalTo("client-chosen-42")));
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/images")).withHeader("X-Request-Id", equalTo("client-chosen-42")));
    }

    @Test
    void aMissingOrMalformedIdIsReplacedByANewOne() {
        given().header("Authorization", "Bearer test-key").header("X-Request-Id", "evil\nline")
                .contentType("application/json").body("{\"prompt\":\"一只猫\"}").post("/api/generate-image").then()
                .statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/images")).withHeader("X-Request-Id", matching("[0-9a-f-]{36}")));
    }
}

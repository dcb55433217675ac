package dev.fluxsuite.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Base64;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every pooled image buffer goes back to the pool once the answer of its request has ended, whatever the answer. */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ImageBuffersTest {

    private static final byte[] JPEG = ServiceAnswers.jpeg(200_000, 11);

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ImageFetcher fetcher;

    @BeforeEach
    void services() {
        ServiceAnswers.fluxAndACat(wireMock);
        ServiceAnswers.dribbledJpeg(wireMock, JPEG, 5, 50);
    }

    @Test
    void anAnsweredImageGoesBackToThePool() throws InterruptedException {
        given().header("Authorization", "Bearer test-key").contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]}")
                .post("/api/image").then().statusCode(200)
                .body("image", equalTo(Base64.getEncoder().encodeToString(JPEG)));

        assertNoneHeldWithin(fetcher, 5_000);
    }

    @Test
    void theImagesOfAFailedBatchGoBackToThePool() throws InterruptedException {
        // Of three images, the second is refused: the answer is the error, and the two others are dropped.
        wireMock.stubFor(post(urlEqualTo("/v1/images")).withRequestBody(matchingJsonPath("$.seed", WireMock.equalTo("8")))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "3")
                        .withBody(
                                "{\"error\":{\"code\":\"accounts_unavailable\",\"message\":\"Every account is cooling down\"}}")));

        given().header("Authorization", "Bearer test-key").contentType("application/json")
                .body("{\"prompt\":\"a cat\",\"n\":3,\"seed\":7,\"response_format\":\"b64_json\"}")
                .post("/v1/images/generations").then().statusCode(429);
        given().header("Authorization", "Bearer test-key").contentType("application/json")
                .body("{\"prompt\":\"a cat\",\"n\":2,\"seed\":10,\"response_format\":\"b64_json\"}")
                .post("/v1/images/generations").then().statusCode(200).body("data", hasSize(2));

        assertNoneHeldWithin(fetcher, 5_000);
    }

    /** Waits up to {@code millis} for {@code fetcher} to have released every image, and fails if it has not. */
    static void assertNoneHeldWithin(ImageFetcher fetcher, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (fetcher.held() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fetcher.held()).isZero();
    }

}

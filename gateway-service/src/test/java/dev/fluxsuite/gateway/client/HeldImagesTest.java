package dev.fluxsuite.gateway.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With room for one image held at a time, images take turns, and a request of several is never stuck on itself. */
@QuarkusTest
@TestProfile(HeldImagesTest.RoomForOne.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class HeldImagesTest {

    private static final byte[] JPEG = ServiceAnswers.jpeg(200_000, 13);

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ImageFetcher fetcher;

    @BeforeEach
    void services() {
        ServiceAnswers.fluxAndACat(wireMock);
        // Each image takes some 400 ms to arrive, so that the requests below overlap.
        ServiceAnswers.dribbledJpeg(wireMock, JPEG, 8, 400);
    }

    @AfterEach
    void everyImageIsReleased() throws InterruptedException {
        ImageBuffersTest.assertNoneHeldWithin(fetcher, 5_000);
    }

    @Test
    void requestsTakeTurnsWithRoomForOneImage() throws Exception {
        List<CompletableFuture<JsonPath>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer test-key")
                    .contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]}")
                    .post("/api/image").then().statusCode(200).extract().jsonPath()));
        }
        int most = 0;
        while (!answers.stream().allMatch(CompletableFuture::isDone)) {
            most = Math.max(most, fetcher.held());
            Thread.sleep(1);
        }

        for (CompletableFuture<JsonPath> answer : answers) {
            assertThat(answer.get(1, TimeUnit.SECONDS).getString("image"))
                    .isEqualTo(Base64.getEncoder().encodeToString(JPEG));
        }
        assertThat(most).isOne();
    }

    @Test
    void aRequestOfSeveralImagesIsAnsweredWithRoomForOne() {
        // Held to its first image, it would wait for itself until its timeout.
        JsonPath answer = given().header("Authorization", "Bearer test-key").contentType("application/json")
                .body("{\"prompt\":\"a cat\",\"n\":3,\"seed\":7,\"response_format\":\"b64_json\"}")
                .post("/v1/images/generations").then().statusCode(200).time(lessThan(10_000L))
                .extract().jsonPath();

        assertThat(answer.getList("data.b64_json", String.class))
                .containsOnly(Base64.getEncoder().encodeToString(JPEG)).hasSize(3);
    }

    /** The services on WireMock, and room for one image held. */
    public static class RoomForOne extends ServicesOnWireMock {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("gateway.max-images-held", "1");
            return overrides;
        }
    }
}

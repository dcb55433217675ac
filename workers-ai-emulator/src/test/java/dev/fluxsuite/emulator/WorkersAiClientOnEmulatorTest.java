package dev.fluxsuite.emulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.fluxsuite.emulator.config.EmulatorConfig;
import dev.fluxsuite.testsupport.Images;
import dev.fluxsuite.testsupport.Streams;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import dev.fluxsuite.workersai.ImageFormat;
import dev.fluxsuite.workersai.ImageStream;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.client.WorkersAiResult;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The client library against the real emulator, with the emulator's two demo accounts: one account
 * rate-limited costs the caller nothing; both out of quota fail at once with the UTC reset. The second
 * leaves both accounts out until midnight, so it runs last.
 */
@QuarkusTest
@TestProfile(WorkersAiClientOnEmulatorTest.PointedAtItself.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkersAiClientOnEmulatorTest {

    private static final String SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";
    /** Another model than the first test's, whose 429 still rests SDXL on the first account. */
    private static final String FLUX = "@cf/black-forest-labs/flux-1-schnell";

    @Inject
    WorkersAiClient client;

    @BeforeEach
    void reset() {
        given().post("/emulator/reset").then().statusCode(204);
    }

    @Test
    @Order(1)
    void succeedsThroughTheOtherAccountWhenOneIsRateLimited() {
        given().contentType("application/json").body("{\"account\":\"demo-account-1\",\"mode\":\"rate-limit\"}")
                .post("/emulator/faults").then().statusCode(200);

        for (int i = 0; i < 6; i++) {
            WorkersAiResult<ImageStream> result = generate();
            assertThat(result.accountIndex()).isEqualTo(1);
            assertThat(result.value().format()).isEqualTo(ImageFormat.PNG);
            assertThat(Images.decode(Streams.readAll(result.value().head(), result.value().takeRest(), Duration.ofSeconds(20)))
                    .getWidth()).isEqualTo(512);
        }
        // The rate-limited account answered 429 once and then rested; the other served all six.
        given().get("/emulator/stats").then()
                .body("accounts.'demo-account-1'.outcomes.'rate-limited'", equalTo(1))
                .body("accounts.'demo-account-2'.outcomes.ok", equalTo(6))
                .body("requests", equalTo(7));
    }

    @Test
    @Order(2)
    void failsAtOnceWithTheUtcResetWhenBothAccountsAreOutOfQuota() {
        given().contentType("application/json").body("{\"mode\":\"quota-exhausted\"}").post("/emulator/faults").then()
                .statusCode(200);

        Instant midnight = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThatThrownBy(
                    () -> client.run(WorkersAiCall.streamed(FLUX, Map.of("prompt", "a cat"), ResponseDecoders.image()))
                            .await().atMost(Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(AccountsUnavailableException.class, e -> {
                        assertThat(e.quotaExhausted()).isTrue();
                        assertThat(e.availableAt()).isEqualTo(midnight);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        // Each account was asked once; after that the pool knew better.
        given().get("/emulator/stats").then()
                .body("requests", equalTo(2))
                .body("accounts.'demo-account-1'.outcomes.'quota-exhausted'", equalTo(1))
                .body("accounts.'demo-account-2'.outcomes.'quota-exhausted'", equalTo(1));
    }

    private WorkersAiResult<ImageStream> generate() {
        return client.run(WorkersAiCall.streamed(SDXL, Map.of("prompt", "a cat", "width", 512, "height", 512),
                ResponseDecoders.image())).await().atMost(Duration.ofSeconds(20));
    }

    /** Runs the emulator on a fixed free port and points the client's {@code CF_API_BASE_URL} at it. */
    public static class PointedAtItself implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnPort.class));
        }
    }

    public static class OwnPort implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.http.test-port", Integer.toString(port),
                    "cf.api-base-url", "http://localhost:" + port + "/client/v4",
                    "cf.account-list", EmulatorConfig.DEMO_ACCOUNTS);
        }

        @Override
        public void stop() {
        }
    }
}

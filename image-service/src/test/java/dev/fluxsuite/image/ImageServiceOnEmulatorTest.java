package dev.fluxsuite.image;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fluxsuite.testsupport.EmulatorControl;
import dev.fluxsuite.testsupport.EmulatorTestResource;
import dev.fluxsuite.testsupport.InjectEmulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * image-service against the real emulator with two accounts. Quota exhaustion leaves both accounts out until
 * the next UTC midnight, so it runs last.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatorTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageServiceOnEmulatorTest {

    @InjectEmulator
    EmulatorControl emulator;

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private static Response generate(String json) {
        return given().contentType("application/json").body(json).post("/v1/images");
    }

    @ParameterizedTest
    @Order(1)
    @CsvSource({ "FLUX.1-Schnell-CF, , , 1024, 1024, image/jpeg", "DS-8-CF, 768, 512, 768, 512, image/png",
            "SD-XL-Bash-CF, 512, 768, 512, 768, image/png", "SD-XL-Lightning-CF, 640, 640, 640, 640, image/png" })
    void eachSeedModelReturnsADecodableImageOfTheRequestedSize(String model, Integer width, Integer height,
            int expectedWidth, int expectedHeight, String type) throws IOException {
        String size = width == null ? "" : ",\"width\":" + width + ",\"height\":" + height;
        Response response = generate("{\"prompt\":\"a cute cat\",\"model\":\"" + model + "\"" + size + "}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(type);
        assertThat(response.header("X-Model")).isEqualTo(model);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(expectedWidth);
        assertThat(image.getHeight()).isEqualTo(expectedHeight);
    }

    @Test
    @Order(2)
    void answersTheNeuronsOfEachImageAndCountsThemOnItsAccount() {
        double before = neuronsUsed();

        Response flux = generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"steps\":4}");
        Response eight = generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"steps\":8}");
        Response sdxl = generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Lightning-CF\",\"width\":512,\"height\":512}");

        // Cloudflare's prices: 4.80 neurons a 512x512 tile and 9.60 a step for Flux; SDXL is a beta without a price.
        assertThat(Double.parseDouble(flux.header("X-Neurons"))).isEqualTo(57.6);
        assertThat(Double.parseDouble(eight.header("X-Neurons"))).isEqualTo(96.0);
        assertThat(Double.parseDouble(sdxl.header("X-Neurons"))).isZero();
        assertThat(neuronsUsed() - before).isCloseTo(153.6, within(0.01));
    }

    @Test
    @Order(2)
    void fluxStepsOfFiftyIs400NamingTheLimitOfEight() {
        generate("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"steps\":50}").then().statusCode(400)
                .body("error.message", containsString("between 1 and 8"));
    }

    private static double neuronsUsed() {
        List<Number> used = given().get("/v1/neurons").then().statusCode(200).extract().path("accounts.neuronsUsed");
        return used.stream().mapToDouble(Number::doubleValue).sum();
    }

    @Test
    @Order(3)
    void rateLimitOnOneAccountLeavesEveryRequestSucceeding() {
        // The account with the most neurons left, which the pool takes first.
        List<Number> used = given().get("/v1/neurons").then().statusCode(200).extract().path("accounts.neuronsUsed");
        int fresher = used.get(0).doubleValue() <= used.get(1).doubleValue() ? 1 : 2;
        emulator.fault("{\"account\":\"test-account-" + fresher + "\",\"mode\":\"rate-limit\"}");

        for (int i = 0; i < 10; i++) {
            generate("{\"prompt\":\"a cat " + i + "\",\"model\":\"SD-XL-Lightning-CF\",\"width\":256,\"height\":256}")
                    .then().statusCode(200);
        }
        assertThat(emulator.stats()).contains("\"rate-limited\":1");
    }

    @Test
    @Order(4)
    void quotaExhaustionOnBothAccountsIs429UntilUtcMidnight() {
        emulator.fault("{\"mode\":\"quota-exhausted\"}");

        Response response = generate("{\"prompt\":\"a cat\",\"model\":\"SD-XL-Bash-CF\"}");

        response.then().statusCode(429).body("error.code", equalTo("daily_quota_exhausted"));
        Instant now = Instant.now();
        long untilMidnight = Duration.between(now, now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
        // The service's clock may have started up to a couple of minutes before this line.
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(untilMidnight - 5, untilMidnight + 180);
        // Readiness tells the truth: no account can serve, and each says when it returns, by index only.
        given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("daily allocation used up until"))
                .body(not(containsString("test-account-1")));
    }
}

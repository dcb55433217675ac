package dev.fluxsuite.emulator;

import static dev.fluxsuite.emulator.RunResourceTest.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class FaultsTest {

    private static final String FLUX = "@cf/black-forest-labs/flux-1-schnell";
    private static final String SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";
    private static final String SMALL_SDXL = "{\"prompt\":\"a cat\",\"width\":256,\"height\":256}";

    @AfterEach
    void reset() {
        given().post("/emulator/reset").then().statusCode(204);
    }

    private static ValidatableResponse fault(String json) {
        return given().contentType("application/json").body(json).post("/emulator/faults").then();
    }

    private static ValidatableResponse runAs(String account, String model, String body) {
        return given().header("Authorization", "Bearer demo-token-" + account.substring(account.length() - 1))
                .contentType("application/json").body(body)
                .post("/client/v4/accounts/" + account + "/ai/run/" + model).then();
    }

    @Test
    void rateLimitLetsTheMinutesBudgetThroughThen429With3040() {
        fault("{\"account\":\"demo-account-1\",\"mode\":\"rate-limit\",\"rateLimitPerMinute\":2}").statusCode(200)
                .body("'demo-account-1'.mode", equalTo("rate-limit"));

        run(SDXL, SMALL_SDXL).statusCode(200);
        run(SDXL, SMALL_SDXL).statusCode(200);
        run(SDXL, SMALL_SDXL).statusCode(429).body("errors[0].code", equalTo(3040))
                .body("errors[0].message", equalTo("Capacity temporarily exceeded, please try again."));
        runAs("demo-account-2", SDXL, SMALL_SDXL).statusCode(200);
    }

    @Test
    void quotaExhaustionIs429With4006AndTheDailyAllocationMessage() {
        fault("{\"mode\":\"quota-exhausted\"}").statusCode(200);

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(429).body("result", nullValue())
                .body("errors[0].code", equalTo(4006))
                .body("errors[0].message", containsString("daily free allocation of 10,000 neurons"));
        runAs("demo-account-2", FLUX, "{\"prompt\":\"a cat\"}").statusCode(429);
    }

    @Test
    void serverErrorIs500() {
        fault("{\"mode\":\"server-error\"}").statusCode(200);

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(500).body("success", equalTo(false));
    }

    @Test
    void malformedIs200WithoutWhatTheModelReturns() {
        fault("{\"mode\":\"malformed\"}").statusCode(200);

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(200).body("result.image", nullValue());
        run(SDXL, SMALL_SDXL).statusCode(200).contentType("application/json");
    }

    @Test
    void timeoutHoldsTheAnswer() {
        fault("{\"account\":\"demo-account-2\",\"mode\":\"timeout\"}").statusCode(200);

        long start = System.nanoTime();
        runAs("demo-account-2", FLUX, "{\"prompt\":\"a cat\"}").statusCode(408).body("errors[0].code", equalTo(3007));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void latencyDelaysEveryAnswer() {
        fault("{\"mode\":\"none\",\"latencyMs\":400}").statusCode(200);

        long start = System.nanoTime();
        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void probabilityZeroLetsEveryCallThrough() {
        fault("{\"mode\":\"server-error\",\"probability\":0}").statusCode(200);

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(200);
    }

    @Test
    void settingEveryAccountClearsSingleAccountFaults() {
        fault("{\"account\":\"demo-account-1\",\"mode\":\"server-error\"}").statusCode(200);
        fault("{\"mode\":\"none\"}").statusCode(200).body("size()", equalTo(1));

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(200);
    }

    @Test
    void aFaultMayHitOneModelOnly() {
        fault("{\"model\":\"" + FLUX + "\",\"mode\":\"server-error\"}").statusCode(200);

        run(FLUX, "{\"prompt\":\"a cat\"}").statusCode(500);
        run(SDXL, SMALL_SDXL).statusCode(200);
        fault("{\"model\":\"@cf/nobody/nothing\",\"mode\":\"server-error\"}").statusCode(400)
                .body("error.message", containsString("not emulated"));
    }

    @Test
    void badFaultRequestsSayWhatToFix() {
        fault("{\"mode\":\"explode\"}").statusCode(400)
                .body("error.message", containsString("use one of none, rate-limit, quota-exhausted"));
        fault("{}").statusCode(400).body("error.message", containsString("mode is required"));
        fault("{\"mode\":\"timeout\",\"account\":\"nobody\"}").statusCode(400)
                .body("error.message", containsString("demo-account-1"));
        fault("{\"mode\":\"none\",\"latencyMs\":-1}").statusCode(400).body("error.code", equalTo("invalid_fault"));
        fault("{\"mode\":\"none\",\"probability\":2}").statusCode(400);
    }

    @Test
    void statsCountEachCallByAccountModelAndOutcome() {
        fault("{\"account\":\"demo-account-1\",\"mode\":\"rate-limit\"}").statusCode(200);
        run(SDXL, SMALL_SDXL).statusCode(429);
        runAs("demo-account-2", SDXL, SMALL_SDXL).statusCode(200);
        runAs("demo-account-2", "@cf/x/y", SMALL_SDXL).statusCode(400);

        given().get("/emulator/stats").then().statusCode(200)
                .body("requests", equalTo(3))
                .body("outcomes.ok", equalTo(1))
                .body("outcomes.'rate-limited'", equalTo(1))
                .body("outcomes.'unknown-model'", equalTo(1))
                .body("accounts.'demo-account-1'.outcomes.'rate-limited'", equalTo(1))
                .body("accounts.'demo-account-2'.models.'@cf/stabilityai/stable-diffusion-xl-base-1.0'", equalTo(1))
                .body("models.'@cf/stabilityai/stable-diffusion-xl-base-1.0'.requests", equalTo(2));

        given().post("/emulator/reset").then().statusCode(204);
        given().get("/emulator/stats").then().body("requests", equalTo(0));
        given().get("/emulator/faults").then().body("'every account'.mode", equalTo("none"));
    }
}

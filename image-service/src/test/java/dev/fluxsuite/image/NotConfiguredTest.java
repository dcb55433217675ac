package dev.fluxsuite.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without CF_ACCOUNT_LIST the service starts, is alive, says it is not ready and why, and answers 503. */
@QuarkusTest
@TestProfile(NotConfiguredTest.NoAccounts.class)
class NotConfiguredTest {

    @Test
    void startsAliveButNotReadyAndAnswers503() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503).body(containsString("CF_ACCOUNT_LIST is not set"));
        given().get("/v1/models").then().statusCode(200);
        given().contentType("application/json").body("{\"prompt\":\"a cat\"}").post("/v1/images").then().statusCode(503)
                .body("error.code", equalTo("not_configured"))
                .body("error.message", containsString("set CF_ACCOUNT_LIST"));
    }

    public static class NoAccounts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cf.account-list", "");
        }
    }
}

package dev.fluxsuite.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without API_KEY or API_CONSUMERS every call that generates is refused, and a browser on another origin may call the API. */
@QuarkusTest
@TestProfile(AccessTest.NoKeys.class)
class AccessTest {

    @Test
    void withoutConfiguredKeysEveryGeneratingCallIs401() {
        given().header("Authorization", "Bearer anything").contentType("application/json").body("{\"prompt\":\"a cat\"}")
                .post("/api/generate-image").then().statusCode(401)
                .body("error", containsString("no API key configured (API_KEY or API_CONSUMERS)"));
        given().header("Authorization", "Bearer anything").contentType("application/json").body("{\"prompt\":\"a cat\"}")
                .post("/v1/images/generations").then().statusCode(401)
                .body("error.type", equalTo("authentication_error")).body("error.code", equalTo("invalid_api_key"));
    }

    @Test
    void corsPreflightIsAnsweredForAnyOrigin() {
        given().header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/v1/chat/completions").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.com")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void unknownImagesAre404() {
        given().get("/images/AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404).body("code", equalTo("image_not_found"));
    }

    public static class NoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.api-keys", "", "gateway.image-service-url", "http://localhost:1",
                    "gateway.translation-service-url", "http://localhost:1");
        }
    }
}

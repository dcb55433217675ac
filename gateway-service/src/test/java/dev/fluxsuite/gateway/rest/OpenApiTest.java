package dev.fluxsuite.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What the OpenAPI document tells client generators about the answers. */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class OpenApiTest {

    @Test
    void base64ImagesAreDocumentedAsStrings() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.ImageData.properties.b64_json.type", equalTo("string"))
                .body("components.schemas.ImageData.properties.b64_json.format", equalTo("byte"));
    }
}

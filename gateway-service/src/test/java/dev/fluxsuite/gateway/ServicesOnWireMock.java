package dev.fluxsuite.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway with both services on WireMock ({@code WireMockWorkersAi}), for tests of what it asks them. */
public class ServicesOnWireMock implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.image-service-url", "${wiremock.url}", "gateway.translation-service-url", "${wiremock.url}");
    }
}

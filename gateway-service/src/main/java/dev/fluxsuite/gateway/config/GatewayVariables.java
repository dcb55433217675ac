package dev.fluxsuite.gateway.config;

import java.util.Map;

import io.smallrye.config.RelocateConfigSourceInterceptor;

/**
 * Lets the seed's and the suite's environment variables set the gateway's properties: {@code API_KEY} sets
 * {@code gateway.api-keys}, and so on. A property's {@code @WithDefault} applies when neither is set.
 */
public class GatewayVariables extends RelocateConfigSourceInterceptor {

    /** Each property and the variable that sets it. */
    public static final Map<String, String> NAMES = Map.of(
            "gateway.api-keys", "API_KEY",
            "gateway.consumers", "API_CONSUMERS",
            "gateway.image-expiration", "IMAGE_EXPIRATION",
            "gateway.translation-service-url", "TRANSLATION_SERVICE_URL",
            "gateway.image-service-url", "IMAGE_SERVICE_URL",
            "gateway.public-url", "PUBLIC_URL");

    public GatewayVariables() {
        super(NAMES);
    }
}

package dev.fluxsuite.gateway.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.fluxsuite.gateway.config.GatewayConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The clients of the two services, built from {@code TRANSLATION_SERVICE_URL} and {@code IMAGE_SERVICE_URL}. Their
 * connection pools are large, since every in-flight generation holds one connection to image-service.
 */
@ApplicationScoped
class RestClientProducer {

    private static final int CONNECTIONS = 2048;

    @Produces
    @Singleton
    TranslationRestClient translation(GatewayConfig config) {
        return build("TRANSLATION_SERVICE_URL", config.translationServiceUrl(), TranslationRestClient.class);
    }

    @Produces
    @Singleton
    ImageRestClient image(GatewayConfig config) {
        return build("IMAGE_SERVICE_URL", config.imageServiceUrl(), ImageRestClient.class);
    }

    private static <T> T build(String variable, String url, Class<T> type) {
        URI uri;
        try {
            uri = URI.create(url.strip().replaceAll("/+$", "") + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException(variable + " must start with http:// or https://");
        }
        // The fault-tolerance timeouts of the beans that use these clients are the real limits; these are backstops.
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.MINUTES)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, CONNECTIONS)
                .register(new RequestIdPropagation())
                .build(type);
    }
}

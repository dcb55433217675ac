package dev.fluxsuite.gateway.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.fluxsuite.gateway.config.GatewayConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The REST clients of the two services, built from {@code TRANSLATION_SERVICE_URL} and {@code IMAGE_SERVICE_URL}; the
 * images themselves come through {@link ImageFetcher}.
 */
@ApplicationScoped
class RestClientProducer {

    /**
     * Every in-flight generation holds one connection to image-service, see {@link ImageFetcher} (which keeps this
     * many per event loop).
     */
    static final int CONNECTIONS = 2048;
    /** The fault-tolerance timeouts of the beans that use these clients are the real limits; these are backstops. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

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
        URI uri = ServiceUrl.of(variable, url);
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri)
                .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, CONNECTIONS)
                .register(new RequestIdPropagation())
                .build(type);
    }
}

package dev.fluxsuite.workersai.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.fluxsuite.workersai.config.CloudflareConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Builds the REST client from {@code CF_API_BASE_URL} and the connection settings of {@link CloudflareConfig}. */
@ApplicationScoped
class WorkersAiRestClientProducer {

    @Produces
    @Singleton
    WorkersAiRestClient restClient(CloudflareConfig config) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri(config))
                .connectTimeout(config.http().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.http().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.http().maxConnections())
                .build(WorkersAiRestClient.class);
    }

    /** {@code CF_API_BASE_URL} without a trailing slash. */
    static URI baseUri(CloudflareConfig config) {
        String base = config.apiBaseUrl().strip();
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CF_API_BASE_URL is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("CF_API_BASE_URL must start with http:// or https://");
        }
        return uri;
    }
}

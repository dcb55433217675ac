package dev.fluxsuite.gateway.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.client.DownstreamException;
import dev.fluxsuite.gateway.client.ImageClient;
import dev.fluxsuite.gateway.client.NeuronDay;
import dev.fluxsuite.gateway.client.TranslationClient;
import dev.fluxsuite.gateway.service.Consumer;
import dev.fluxsuite.gateway.service.Consumers;
import dev.fluxsuite.shared.SharedState;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/status}: whether each service is ready and why not, which settings are set, the consumers and their
 * limits, what each Cloudflare account has spent today, and whether this gateway shares its state through Redis. Never a value:
 * the downstream checks name accounts by index and providers
 * by name only, and Redis shows without its password.
 */
@Path("/api/status")
@Tag(name = "Seed API")
public class StatusResource {

    /** Each setting by its variable, and the property it sets. */
    private static final Map<String, String> SETTINGS = orderedSettings();

    private static Map<String, String> orderedSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("API_KEY", "gateway.api-keys");
        settings.put("API_CONSUMERS", "gateway.consumers");
        settings.put("IMAGE_EXPIRATION", "gateway.image-expiration");
        settings.put("PUBLIC_URL", "gateway.public-url");
        settings.put("TRANSLATION_SERVICE_URL", "gateway.translation-service-url");
        settings.put("IMAGE_SERVICE_URL", "gateway.image-service-url");
        settings.put("QUARKUS_REDIS_HOSTS", "quarkus.redis.hosts");
        return settings;
    }

    private final TranslationClient translation;
    private final ImageClient images;
    private final Consumers consumers;
    private final Config config;
    private final ObjectMapper mapper;
    private final SharedState shared;

    StatusResource(TranslationClient translation, ImageClient images, Consumers consumers, Config config,
            ObjectMapper mapper, SharedState shared) {
        this.translation = translation;
        this.images = images;
        this.consumers = consumers;
        this.config = config;
        this.mapper = mapper;
        this.shared = shared;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Readiness of each service and which settings are set")
    public Uni<Map<String, Object>> status() {
        return Uni.combine().all().unis(state(translation.ready()), state(images.ready()), neurons()).asTuple()
                .map(all -> {
                    Map<String, Object> settings = new LinkedHashMap<>();
                    SETTINGS.forEach((variable, property) -> settings.put(variable, set(property) ? "set" : "default"));
                    Map<String, Object> status = new LinkedHashMap<>();
                    status.put("apiKeys", consumers.all().stream().filter(c -> c.name().equals(Consumer.API_KEY)).count());
                    status.put("consumers", consumers.all().stream().filter(c -> !c.name().equals(Consumer.API_KEY))
                            .map(StatusResource::describe).toList());
                    status.put("settings", settings);
                    status.put("sharedState", shared.link().describe());
                    status.put("neurons", all.getItem3());
                    status.put("translation-service", all.getItem1());
                    status.put("image-service", all.getItem2());
                    return status;
                });
    }

    /**
     * What the Cloudflare accounts spent today, by index, as both services count it; a service that does not answer
     * leaves the other's figures, and neither a reason.
     */
    private Uni<Object> neurons() {
        Uni<NeuronDay> image = images.neurons().onFailure().recoverWithNull();
        Uni<NeuronDay> text = translation.neurons().onFailure().recoverWithNull();
        return Uni.combine().all().unis(image, text).asTuple().map(both -> {
            if (both.getItem1() != null && both.getItem2() != null) {
                return NeuronDay.combine(both.getItem1(), both.getItem2());
            }
            Object one = both.getItem1() != null ? both.getItem1() : both.getItem2();
            return one != null ? one : Map.of("reason", "neither image-service nor translation-service answered");
        });
    }

    private static Map<String, Object> describe(Consumer consumer) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", consumer.name());
        described.put("requestsPerMinute", consumer.requestsPerMinute());
        described.put("imagesPerDay", consumer.imagesPerDay());
        return described;
    }

    /** Set by the operator in any source, as opposed to left at its built-in default (whose ordinal is negative). */
    private boolean set(String property) {
        var value = config.getConfigValue(property);
        return value.getRawValue() != null && value.getSourceOrdinal() > 0;
    }

    private Uni<Map<String, Object>> state(Uni<String> readiness) {
        return readiness.map(body -> describe(true, body)).onFailure().recoverWithItem(
                failure -> failure instanceof DownstreamException down && down.status() == 503 ? describe(false, null)
                        : Map.of("ready", false, "reason", "not reachable"));
    }

    private Map<String, Object> describe(boolean ready, String body) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("ready", ready);
        if (body != null) {
            try {
                JsonNode checks = mapper.readTree(body).path("checks");
                state.put("checks", checks);
            } catch (Exception unreadable) {
                state.put("checks", List.of());
            }
        }
        return state;
    }
}

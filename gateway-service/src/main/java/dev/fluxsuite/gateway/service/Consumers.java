package dev.fluxsuite.gateway.service;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.fluxsuite.gateway.config.ConsumerListParser;
import dev.fluxsuite.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The gateway's clients: the keys of {@code API_KEY}, unlimited, and the named consumers of {@code API_CONSUMERS} with
 * their limits. A presented key is compared with every one in constant time, through SHA-256 digests so that not even
 * the length shows. Keys are never logged; names are.
 */
@ApplicationScoped
public class Consumers {

    private final List<Consumer> all;

    @Inject
    Consumers(GatewayConfig config) {
        this(config.apiKeys().orElse(List.of()), config.consumers());
    }

    Consumers(List<String> apiKeys, Optional<String> consumers) {
        List<Consumer> all = new ArrayList<>();
        apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct()
                .forEach(key -> all.add(new Consumer(Consumer.API_KEY, ConsumerListParser.digest(key), null, null)));
        consumers.filter(json -> !json.isBlank()).ifPresent(json -> all.addAll(ConsumerListParser.parse(json, all)));
        this.all = List.copyOf(all);
    }

    public boolean configured() {
        return !all.isEmpty();
    }

    /** Every key's consumer, the keys of {@code API_KEY} first. */
    public List<Consumer> all() {
        return all;
    }

    /** The consumer whose key this is; every configured key is compared, whatever the outcome. */
    public Optional<Consumer> identify(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = ConsumerListParser.digest(key);
        Consumer found = null;
        for (Consumer consumer : all) {
            if (MessageDigest.isEqual(consumer.keyDigest(), presented)) {
                found = consumer;
            }
        }
        return Optional.ofNullable(found);
    }

    void onStart(@Observes StartupEvent event) {
        if (all.isEmpty()) {
            Log.warn("Neither API_KEY nor API_CONSUMERS is set: every call that generates an image will be refused "
                    + "with 401");
            return;
        }
        long keys = all.stream().filter(c -> c.name().equals(Consumer.API_KEY)).count();
        List<String> named = all.stream().filter(c -> !c.name().equals(Consumer.API_KEY)).map(Consumers::describe)
                .toList();
        Log.infof("%d API key(s) without limits; %d consumer(s)%s", keys, named.size(),
                named.isEmpty() ? "" : ": " + String.join(", ", named));
    }

    private static String describe(Consumer consumer) {
        return consumer.name() + " (" + (consumer.requestsPerMinute() == null ? "any" : consumer.requestsPerMinute())
                + " requests a minute, " + (consumer.imagesPerDay() == null ? "any" : consumer.imagesPerDay())
                + " images a day)";
    }
}

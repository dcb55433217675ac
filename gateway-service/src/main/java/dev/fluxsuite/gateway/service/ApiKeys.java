package dev.fluxsuite.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import dev.fluxsuite.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The client keys of {@code API_KEY}. A presented key is compared with each in constant time, through their
 * SHA-256 digests so that not even the length shows. Keys are never logged.
 */
@ApplicationScoped
public class ApiKeys {

    private final List<byte[]> digests;

    @Inject
    ApiKeys(GatewayConfig config) {
        this(config.apiKeys().orElse(List.of()));
    }

    ApiKeys(List<String> keys) {
        this.digests = keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::digest).toList();
    }

    public boolean configured() {
        return !digests.isEmpty();
    }

    public int count() {
        return digests.size();
    }

    /** Whether the key is one of {@code API_KEY}'s; every configured key is compared, whatever the outcome. */
    public boolean accepts(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        byte[] presented = digest(key);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    void onStart(@Observes StartupEvent event) {
        if (digests.isEmpty()) {
            Log.warn("API_KEY is not set: every call that generates an image will be refused with 401");
        } else {
            Log.infof("%d API key(s) configured", digests.size());
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

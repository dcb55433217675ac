package dev.fluxsuite.gateway.service;

/**
 * A client of the gateway: its name, which logs, metrics and usage show, the SHA-256 digest of its key, never the key,
 * and its limits.
 *
 * @param requestsPerMinute generating requests in any 60 seconds; null for no limit
 * @param imagesPerDay images a UTC day; null for no limit
 */
public record Consumer(String name, byte[] keyDigest, Integer requestsPerMinute, Integer imagesPerDay) {

    /** The name of the keys of {@code API_KEY}, which have no limits. */
    public static final String API_KEY = "api-key";
}

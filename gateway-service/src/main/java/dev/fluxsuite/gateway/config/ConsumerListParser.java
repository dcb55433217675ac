package dev.fluxsuite.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.gateway.service.Consumer;

/**
 * Reads {@code API_CONSUMERS}: {@code [{"name", "key" or "keySha256", "requestsPerMinute"?, "imagesPerDay"?}]}. What is
 * wrong is named by entry and field, never by a key's value.
 */
public final class ConsumerListParser {

    private static final String VARIABLE = "API_CONSUMERS";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of("name", "key", "keySha256", "requestsPerMinute", "imagesPerDay");

    private ConsumerListParser() {
    }

    /**
     * @param others the consumers already known (those of {@code API_KEY}), whose keys and names may not repeat
     * @throws IllegalArgumentException saying what to fix
     */
    public static List<Consumer> parse(String json, List<Consumer> others) {
        JsonNode list;
        try {
            list = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message would quote the text, which holds keys.
            throw new IllegalArgumentException(VARIABLE + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(VARIABLE + " must be a JSON array like [{\"name\":\"mobile-app\",\"key\":\"…\","
                    + "\"requestsPerMinute\":30,\"imagesPerDay\":200}]");
        }
        List<Consumer> consumers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<byte[]> digests = new ArrayList<>(others.stream().map(Consumer::keyDigest).toList());
        for (int i = 0; i < list.size(); i++) {
            Consumer consumer = entry(list.get(i), i);
            if (consumer.name().equals(Consumer.API_KEY) || !names.add(consumer.name())) {
                throw new IllegalArgumentException(VARIABLE + " entry " + i + " repeats the name '" + consumer.name() + "'"
                        + (consumer.name().equals(Consumer.API_KEY) ? ", which names the keys of API_KEY" : ""));
            }
            if (digests.stream().anyMatch(d -> MessageDigest.isEqual(d, consumer.keyDigest()))) {
                throw new IllegalArgumentException(VARIABLE + " entry " + i + " ('" + consumer.name()
                        + "') has the key of another consumer or of API_KEY: each consumer needs a key of its own");
            }
            digests.add(consumer.keyDigest());
            consumers.add(consumer);
        }
        return consumers;
    }

    /** The SHA-256 of a key, as consumers are told apart by. */
    public static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Consumer entry(JsonNode entry, int i) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(VARIABLE + " entry " + i + " must be an object with name and key");
        }
        entry.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(VARIABLE + " entry " + i + " has an unknown field '" + field
                        + "'; the fields are name, key, keySha256, requestsPerMinute and imagesPerDay");
            }
        });
        String where = VARIABLE + " entry " + i;
        JsonNode name = entry.get("name");
        if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
            throw new IllegalArgumentException(where + " needs a name of 1 to 64 letters, digits, '.', '_' or '-'"
                    + " (it shows in logs, metrics and usage)");
        }
        where += " ('" + name.asText() + "')";
        JsonNode key = entry.get("key");
        JsonNode sha = entry.get("keySha256");
        if ((key == null) == (sha == null)) {
            throw new IllegalArgumentException(where + " needs either key or keySha256 (the key's SHA-256 in hex), not "
                    + (key == null ? "neither" : "both"));
        }
        byte[] digest;
        if (key != null) {
            if (!key.isTextual() || key.asText().isBlank() || !key.asText().equals(key.asText().strip())) {
                throw new IllegalArgumentException(where + ": key must be a non-empty string without spaces around it");
            }
            digest = digest(key.asText());
        } else {
            if (!sha.isTextual() || !HEX.matcher(sha.asText()).matches()) {
                throw new IllegalArgumentException(where + ": keySha256 must be 64 hex digits, the SHA-256 of the key "
                        + "(printf %s \"$KEY\" | sha256sum)");
            }
            digest = HexFormat.of().parseHex(sha.asText().toLowerCase());
        }
        return new Consumer(name.asText(), digest, limit(entry, "requestsPerMinute", where),
                limit(entry, "imagesPerDay", where));
    }

    private static Integer limit(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new IllegalArgumentException(where + ": " + field + " must be a whole number of at least 1, or left "
                    + "out for no limit");
        }
        return value.asInt();
    }
}

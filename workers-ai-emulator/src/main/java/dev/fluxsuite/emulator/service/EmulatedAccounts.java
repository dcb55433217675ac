package dev.fluxsuite.emulator.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.emulator.config.EmulatorConfig;

/** The accounts the emulator knows, from {@code EMULATOR_ACCOUNTS}, and the check of a call's token. */
@Singleton
public class EmulatedAccounts {

    private final Map<String, byte[]> tokens = new LinkedHashMap<>();

    EmulatedAccounts(EmulatorConfig config, ObjectMapper mapper) {
        JsonNode list;
        try {
            list = mapper.readTree(config.accounts());
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "EMULATOR_ACCOUNTS is not valid JSON; expected [{\"account_id\":\"…\",\"token\":\"…\"}]");
        }
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(
                    "EMULATOR_ACCOUNTS must be a non-empty JSON array of {\"account_id\",\"token\"}");
        }
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i).path("account_id").asText("");
            String token = list.get(i).path("token").asText("");
            if (id.isBlank() || token.isBlank()) {
                throw new IllegalArgumentException("EMULATOR_ACCOUNTS entry " + i + " needs account_id and token");
            }
            tokens.put(id, token.getBytes(StandardCharsets.UTF_8));
        }
    }

    public Set<String> ids() {
        return tokens.keySet();
    }

    public boolean known(String accountId) {
        return tokens.containsKey(accountId);
    }

    /** Whether {@code authorization} is {@code Bearer <the account's token>}, compared in constant time. */
    public boolean authorized(String accountId, String authorization) {
        byte[] expected = tokens.get(accountId);
        if (expected == null || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}

package dev.fluxsuite.workersai.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.workersai.Account;

/**
 * Reads {@code CF_ACCOUNT_LIST}. Messages name the entry and the field that is wrong and never echo a
 * value, since the text holds API tokens.
 */
public final class AccountListParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AccountListParser() {
    }

    /**
     * @param variable the variable's name, for the error message
     * @param json the JSON array of {@code {"account_id","token"}} objects
     * @throws IllegalArgumentException saying what to fix
     */
    public static List<Account> parse(String variable, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(variable + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "); expected [{\"account_id\":\"…\",\"token\":\"…\"}]");
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(
                    variable + " must be a non-empty JSON array like [{\"account_id\":\"…\",\"token\":\"…\"}]");
        }
        List<Account> accounts = new ArrayList<>(root.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String accountId = text(variable, entry, i, "account_id");
            String token = text(variable, entry, i, "token");
            if (!accountId.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException(variable + " entry " + i
                        + ": account_id may hold only letters, digits, '-' and '_'");
            }
            if (!ids.add(accountId)) {
                throw new IllegalArgumentException(variable + " entry " + i + " repeats the account_id of an earlier entry");
            }
            accounts.add(new Account(i, accountId, token));
        }
        return List.copyOf(accounts);
    }

    private static String text(String variable, JsonNode entry, int index, String field) {
        if (entry == null || !entry.isObject()) {
            throw new IllegalArgumentException(variable + " entry " + index + " must be an object with account_id and token");
        }
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(variable + " entry " + index + " has no " + field + " (a non-empty string)");
        }
        return value.asText().strip();
    }
}

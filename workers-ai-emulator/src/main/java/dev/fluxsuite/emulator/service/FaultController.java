package dev.fluxsuite.emulator.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

/**
 * The faults in force: one for all accounts, and overrides for single accounts. Setting the all-accounts
 * fault clears the overrides, so a test always knows what is in force.
 */
@Singleton
public class FaultController {

    private volatile FaultSettings everyAccount = FaultSettings.NONE;
    private final Map<String, FaultSettings> perAccount = new ConcurrentHashMap<>();
    private final Map<String, MinuteWindow> windows = new ConcurrentHashMap<>();

    public void setForAll(FaultSettings settings) {
        perAccount.clear();
        windows.clear();
        everyAccount = settings;
    }

    public void setFor(String accountId, FaultSettings settings) {
        windows.remove(accountId);
        perAccount.put(accountId, settings);
    }

    public void reset() {
        setForAll(FaultSettings.NONE);
    }

    public FaultSettings settingsFor(String accountId) {
        return perAccount.getOrDefault(accountId, everyAccount);
    }

    /** The fault this call gets; a {@code rate-limit} fault lets the first calls of each minute through. */
    public FaultMode decide(String accountId, FaultSettings settings) {
        if (settings.mode() == FaultMode.NONE) {
            return FaultMode.NONE;
        }
        if (settings.mode() == FaultMode.RATE_LIMIT) {
            boolean withinBudget = windows.computeIfAbsent(accountId, id -> new MinuteWindow())
                    .take(settings.rateLimitPerMinute());
            if (withinBudget) {
                return FaultMode.NONE;
            }
        }
        if (settings.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= settings.probability()) {
            return FaultMode.NONE;
        }
        return settings.mode();
    }

    /** What is in force, for {@code GET /emulator/faults}. */
    public Map<String, Object> describe() {
        return Map.of("allAccounts", everyAccount, "accounts", new TreeMap<>(perAccount));
    }

    /** Calls counted in the current minute of one account. */
    private static final class MinuteWindow {
        private long minute = -1;
        private int count;

        synchronized boolean take(int budget) {
            long now = System.currentTimeMillis() / 60_000;
            if (now != minute) {
                minute = now;
                count = 0;
            }
            count++;
            return count <= budget;
        }
    }
}

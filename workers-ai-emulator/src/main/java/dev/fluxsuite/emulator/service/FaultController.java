package dev.fluxsuite.emulator.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

/**
 * The faults in force, each for a scope: every call, one account, one model, or one model on one account. The
 * narrowest scope that matches a call wins. Setting a fault for every call clears the narrower ones, so a test
 * always knows what is in force.
 */
@Singleton
public class FaultController {

    /** What a fault applies to; null means any. */
    public record Scope(String account, String model) {

        static final Scope EVERYTHING = new Scope(null, null);

        @Override
        public String toString() {
            return (account == null ? "every account" : account) + (model == null ? "" : " / " + model);
        }
    }

    private final Map<Scope, FaultSettings> faults = new ConcurrentHashMap<>();
    private final Map<String, MinuteWindow> windows = new ConcurrentHashMap<>();

    public void set(Scope scope, FaultSettings settings) {
        if (scope.equals(Scope.EVERYTHING)) {
            faults.clear();
            windows.clear();
        }
        windows.remove(scope.toString());
        faults.put(scope, settings);
    }

    public void reset() {
        set(Scope.EVERYTHING, FaultSettings.NONE);
    }

    /** The fault this call gets; a {@code rate-limit} fault lets the first calls of each minute through. */
    public FaultMode decide(String account, String model) {
        Scope scope = scopeOf(account, model);
        FaultSettings settings = faults.getOrDefault(scope, FaultSettings.NONE);
        if (settings.mode() == FaultMode.NONE) {
            return FaultMode.NONE;
        }
        if (settings.mode() == FaultMode.RATE_LIMIT) {
            // One budget per account and scope: a rate limit set for every account limits each account on its own.
            boolean withinBudget = windows.computeIfAbsent(scope + "@" + account, id -> new MinuteWindow())
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

    /** The latency of the fault in force for this call. */
    public long latencyMs(String account, String model) {
        return faults.getOrDefault(scopeOf(account, model), FaultSettings.NONE).latencyMs();
    }

    /** What is in force, for {@code GET /emulator/faults}. */
    public Map<String, FaultSettings> describe() {
        Map<String, FaultSettings> described = new TreeMap<>();
        faults.forEach((scope, settings) -> described.put(scope.toString(), settings));
        return described;
    }

    private Scope scopeOf(String account, String model) {
        for (Scope scope : new Scope[] { new Scope(account, model), new Scope(null, model), new Scope(account, null) }) {
            if (faults.containsKey(scope)) {
                return scope;
            }
        }
        return Scope.EVERYTHING;
    }

    /** Calls counted in the current minute. */
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

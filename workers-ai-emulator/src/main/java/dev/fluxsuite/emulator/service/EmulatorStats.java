package dev.fluxsuite.emulator.service;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/**
 * Calls per account, per model and per outcome. Calls naming an account the emulator does not know count
 * under {@value #UNKNOWN}, so random ids cannot grow the table.
 */
@Singleton
public class EmulatorStats {

    static final String UNKNOWN = "(unknown account)";

    private final Map<String, Counters> accounts = new ConcurrentHashMap<>();
    private final Map<String, Counters> models = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private volatile Instant since = Instant.now();

    public void record(String account, String model, Outcome outcome) {
        total.increment();
        outcomes.computeIfAbsent(outcome.wireName(), k -> new LongAdder()).increment();
        accounts.computeIfAbsent(account, k -> new Counters()).add(model, outcome);
        if (model != null) {
            models.computeIfAbsent(model, k -> new Counters()).add(null, outcome);
        }
    }

    public void reset() {
        accounts.clear();
        models.clear();
        outcomes.clear();
        total.reset();
        since = Instant.now();
    }

    /** A snapshot for {@code GET /emulator/stats}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> byAccount = new TreeMap<>();
        accounts.forEach((id, c) -> byAccount.put(id, c.snapshot(true)));
        Map<String, Object> byModel = new TreeMap<>();
        models.forEach((id, c) -> byModel.put(id, c.snapshot(false)));
        return Map.of("since", since.toString(), "requests", total.sum(), "outcomes", sums(outcomes),
                "accounts", byAccount, "models", byModel);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((k, v) -> sums.put(k, v.sum()));
        return sums;
    }

    private static final class Counters {
        private final LongAdder requests = new LongAdder();
        private final Map<String, LongAdder> models = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

        void add(String model, Outcome outcome) {
            requests.increment();
            if (model != null) {
                models.computeIfAbsent(model, k -> new LongAdder()).increment();
            }
            outcomes.computeIfAbsent(outcome.wireName(), k -> new LongAdder()).increment();
        }

        Map<String, Object> snapshot(boolean withModels) {
            return withModels
                    ? Map.of("requests", requests.sum(), "models", sums(models), "outcomes", sums(outcomes))
                    : Map.of("requests", requests.sum(), "outcomes", sums(outcomes));
        }
    }
}

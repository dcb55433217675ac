package dev.fluxsuite.workersai.neurons;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.fluxsuite.shared.DayCounts;
import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.WorkersAiResponse;
import dev.fluxsuite.workersai.config.CloudflareConfig;
import dev.fluxsuite.workersai.pool.AccountLoad;
import dev.fluxsuite.workersai.pool.AccountPool;
import dev.fluxsuite.workersai.pool.SharedAccountRests;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The neurons each Cloudflare account has spent today, estimated from each call ({@link NeuronPrices}). Counted in
 * Redis when it is configured, under the account's digest, by every replica of both services that use the accounts,
 * so that each knows what all of them spent; in this replica's memory otherwise. The calls in flight count as spent
 * for the pool's choice, so that a burst spreads over the accounts before any of them answers.
 */
@ApplicationScoped
public class NeuronLedger implements AccountLoad {

    /** Counts are kept in thousandths of a neuron, as whole numbers. */
    private static final double MILLI = 1000;

    private final AccountPool pool;
    private final DayCounts counts;
    private final List<String> subjects;
    private final AtomicLongArray inFlight;
    private final NeuronPrices prices = new NeuronPrices();
    private final MeterRegistry meters;
    private final CloudflareConfig config;
    private final SharedState shared;
    private final Vertx vertx;
    private long refresh = -1;

    NeuronLedger(AccountPool pool, CloudflareConfig config, SharedState shared, Clock clock, MeterRegistry meters,
            Vertx vertx) {
        if (config.dailyNeurons() < 1) {
            throw new IllegalArgumentException("CF_DAILY_NEURONS must be at least 1, not " + config.dailyNeurons());
        }
        this.pool = pool;
        this.config = config;
        this.shared = shared;
        this.meters = meters;
        this.vertx = vertx;
        this.counts = new DayCounts(shared, clock, "neurons");
        this.subjects = pool.accounts().stream().map(account -> SharedAccountRests.digest(account.id())).toList();
        this.inFlight = new AtomicLongArray(subjects.size());
    }

    void start(@Observes StartupEvent event) {
        if (shared.configured() && pool.configured()) {
            refresh = vertx.setPeriodic(1, config.neuronsRefreshInterval().toMillis(),
                    id -> counts.refresh(subjects).subscribe().with(ok -> {
                    }));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresh >= 0) {
            vertx.cancelTimer(refresh);
        }
    }

    /** Counts a call's cost known before it (an image's) as in flight on the account, and returns it. */
    public double reserve(Account account, String model, Map<String, ?> input) {
        double estimate = prices.beforeCall(model, input);
        inFlight.addAndGet(account.index(), milli(estimate));
        return estimate;
    }

    /** A finished call's cost, from its answer. */
    public double price(String model, Map<String, ?> input, WorkersAiResponse response) {
        return prices.afterCall(model, input, response);
    }

    /** A call has ended: what it reserved is no longer in flight, and what it cost is spent. */
    public void settle(Account account, String model, double reserved, double spent) {
        inFlight.addAndGet(account.index(), -milli(reserved));
        if (spent > 0) {
            meters.counter("workers_ai_neurons", "account_index", Integer.toString(account.index()), "model", model)
                    .increment(spent);
            counts.add(subjects.get(account.index()), milli(spent)).subscribe().with(total -> {
            });
        }
    }

    @Override
    public double spent(int account) {
        return (counts.get(subjects.get(account)) + inFlight.get(account)) / MILLI;
    }

    /** Each account's neurons spent today and left of {@code CF_DAILY_NEURONS}, read from Redis when it answers. */
    public Uni<Day> today() {
        return counts.refresh(subjects).map(ok -> {
            List<Day.Spent> accounts = IntStream.range(0, subjects.size()).mapToObj(i -> {
                double used = counts.get(subjects.get(i)) / MILLI;
                return new Day.Spent(i, round(used), round(Math.max(0, config.dailyNeurons() - used)));
            }).toList();
            return new Day(counts.today().toString(), counts.resetsAt().toString(), config.dailyNeurons(),
                    shared.connected(), accounts);
        });
    }

    private static long milli(double neurons) {
        return Math.round(neurons * MILLI);
    }

    private static double round(double neurons) {
        return Math.round(neurons * 100) / 100.0;
    }
}

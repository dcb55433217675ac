package dev.fluxsuite.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.fluxsuite.shared.DayCounts;
import dev.fluxsuite.shared.SharedState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Each consumer's limits and counts of the day: requests in any 60 seconds (a sliding window), images and estimated
 * neurons per UTC day. With Redis, one script decides and counts for every gateway replica at once; without it, or
 * while it does not answer, each replica decides with what it knows (its own requests, and the day's counts as Redis
 * last told them), and adds what it counted once Redis is back. Redis never fails a request.
 */
@ApplicationScoped
public class Budgets {

    private static final long WINDOW = Duration.ofMinutes(1).toMillis();

    /** Checks both limits and counts the request, atomically for every replica. */
    private static final String ADMIT = """
            -- KEYS: the window (request times in a sorted set), today's images, today's requests
            -- ARGV: requests a minute (0: none), window ms, a member of the window, images asked,
            --       images a day (0: none), when today's counts expire (ms)
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local rpm = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            if rpm > 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
              if redis.call('ZCARD', KEYS[1]) >= rpm then
                local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
                return {1, tonumber(oldest[2]) + window - now, 0, 0}
              end
            end
            local asked = tonumber(ARGV[4])
            local cap = tonumber(ARGV[5])
            local images = tonumber(redis.call('GET', KEYS[2]) or '0')
            if cap > 0 and images + asked > cap then
              return {2, 0, images, 0}
            end
            if rpm > 0 then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
            end
            images = redis.call('INCRBY', KEYS[2], asked)
            local requests = redis.call('INCR', KEYS[3])
            redis.call('PEXPIREAT', KEYS[2], ARGV[6])
            redis.call('PEXPIREAT', KEYS[3], ARGV[6])
            return {0, 0, images, requests}
            """;

    private final SharedState shared;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DayCounts counts;
    private final Map<String, SlidingWindow> windows = new ConcurrentHashMap<>();
    private final String origin = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    @Inject
    Budgets(SharedState shared, Clock clock, MeterRegistry meters) {
        this.shared = shared;
        this.clock = clock;
        this.meters = meters;
        this.counts = new DayCounts(shared, clock, "consumers");
    }

    /**
     * Lets a request of {@code images} images through, or refuses it.
     *
     * @throws LimitExceededException (as a failed Uni) when a limit refuses it
     */
    public Uni<Admission> admit(Consumer consumer, int images) {
        if (!shared.configured()) {
            return Uni.createFrom().item(() -> admitHere(consumer, images));
        }
        int rpm = consumer.requestsPerMinute() == null ? 0 : consumer.requestsPerMinute();
        int cap = consumer.imagesPerDay() == null ? 0 : consumer.imagesPerDay();
        String[] args = { ADMIT, "3", windowKey(consumer), counts.key(subject(consumer, "images")),
                counts.key(subject(consumer, "requests")), Integer.toString(rpm), Long.toString(WINDOW),
                origin + ":" + sequence.incrementAndGet(), Integer.toString(images), Integer.toString(cap),
                Long.toString(counts.expiresAtMillis()) };
        return shared.call(ds -> ds.execute("EVAL", args))
                .map(answer -> decided(consumer, images, answer))
                // A refusal here must fail plainly, not as a failure of the recovery.
                .onFailure(failure -> !(failure instanceof LimitExceededException)).recoverWithUni(failure -> {
                    Log.debugf("%s decided by this replica: Redis did not answer (%s)", consumer.name(),
                            shared.reason(failure));
                    return Uni.createFrom().item(() -> admitHere(consumer, images));
                });
    }

    /** The consumer's counts today, its limits, and what they leave. */
    public Uni<Usage> usage(Consumer consumer) {
        List<String> subjects = List.of(subject(consumer, "requests"), subject(consumer, "images"),
                subject(consumer, "neurons"));
        return counts.refresh(subjects).chain(() -> requestsInWindow(consumer)).map(inWindow -> {
            long images = counts.get(subject(consumer, "images"));
            Integer rpm = consumer.requestsPerMinute();
            Integer cap = consumer.imagesPerDay();
            return new Usage(consumer.name(), counts.today().toString(), counts.resetsAt().toString(),
                    counts.get(subject(consumer, "requests")), images,
                    Math.round(counts.get(subject(consumer, "neurons")) / 10.0) / 100.0,
                    new Usage.Limits(rpm, cap),
                    new Usage.Left(rpm == null ? null : Math.max(0, rpm - inWindow),
                            cap == null ? null : Math.max(0, cap - images)),
                    shared.connected());
        });
    }

    void succeeded(Consumer consumer, String model, int images, double neurons) {
        count(consumer, model, "ok", images);
        if (neurons > 0) {
            counts.add(subject(consumer, "neurons"), Math.round(neurons * 1000)).subscribe().with(total -> {
            });
        }
    }

    void failed(Consumer consumer, int images) {
        count(consumer, "none", "error", images);
        counts.add(subject(consumer, "images"), -images).subscribe().with(total -> {
        });
    }

    private Admission decided(Consumer consumer, int images, Response answer) {
        long status = answer.get(0).toLong();
        if (status == 1) {
            throw rateLimited(consumer, answer.get(1).toLong());
        }
        if (status == 2) {
            counts.learned(subject(consumer, "images"), answer.get(2).toLong());
            throw exhausted(consumer, images, answer.get(2).toLong());
        }
        counts.learned(subject(consumer, "images"), answer.get(2).toLong());
        counts.learned(subject(consumer, "requests"), answer.get(3).toLong());
        if (consumer.requestsPerMinute() != null) {
            window(consumer).record(clock.millis(), consumer.requestsPerMinute(), WINDOW);
        }
        return new Admission(this, consumer, images);
    }

    private Admission admitHere(Consumer consumer, int images) {
        long now = clock.millis();
        if (consumer.requestsPerMinute() != null) {
            long wait = window(consumer).take(now, consumer.requestsPerMinute(), WINDOW);
            if (wait > 0) {
                throw rateLimited(consumer, wait);
            }
        }
        long used = counts.get(subject(consumer, "images"));
        if (consumer.imagesPerDay() != null && used + images > consumer.imagesPerDay()) {
            window(consumer).undo(now);
            throw exhausted(consumer, images, used);
        }
        counts.addHere(subject(consumer, "images"), images);
        counts.addHere(subject(consumer, "requests"), 1);
        return new Admission(this, consumer, images);
    }

    private Uni<Integer> requestsInWindow(Consumer consumer) {
        long now = clock.millis();
        int here = window(consumer).count(now, WINDOW);
        if (consumer.requestsPerMinute() == null || !shared.configured()) {
            return Uni.createFrom().item(here);
        }
        return shared.call(ds -> ds.execute("ZCOUNT", windowKey(consumer), "(" + (now - WINDOW), "+inf"))
                .map(answer -> answer.toInteger()).onFailure().recoverWithItem(here);
    }

    private LimitExceededException rateLimited(Consumer consumer, long waitMillis) {
        count(consumer, "none", "rate_limited", 0);
        Duration wait = Duration.ofMillis(Math.max(1, waitMillis));
        return new LimitExceededException("rate_limited", "Rate limit reached: '" + consumer.name() + "' may send "
                + consumer.requestsPerMinute() + " requests a minute; the next is taken in "
                + Math.max(1, (waitMillis + 999) / 1000) + " s", wait);
    }

    private LimitExceededException exhausted(Consumer consumer, int asked, long used) {
        count(consumer, "none", "daily_budget_exhausted", 0);
        long left = Math.max(0, consumer.imagesPerDay() - used);
        String what = left == 0 ? "has used all " + consumer.imagesPerDay() + " of its images today"
                : "asks for " + asked + " images, and " + left + " of its " + consumer.imagesPerDay() + " are left today";
        return new LimitExceededException("daily_budget_exhausted", "Daily budget reached: '" + consumer.name() + "' "
                + what + "; the budget resets at " + counts.resetsAt(),
                Duration.between(clock.instant(), counts.resetsAt()));
    }

    /** {@code gateway_generations_total{consumer, model, outcome}}; the model is {@code none} where no image came. */
    private void count(Consumer consumer, String model, String outcome, int images) {
        meters.counter("gateway_generations", "consumer", consumer.name(), "model", model == null ? "unknown" : model,
                "outcome", outcome)
                .increment(Math.max(1, images));
    }

    private SlidingWindow window(Consumer consumer) {
        return windows.computeIfAbsent(consumer.name(), name -> new SlidingWindow());
    }

    private String windowKey(Consumer consumer) {
        return shared.key("consumers", "window", consumer.name());
    }

    private static String subject(Consumer consumer, String what) {
        return consumer.name() + ":" + what;
    }
}

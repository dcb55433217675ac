package dev.fluxsuite.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Whole-number counts of the current UTC day by subject, which every replica adds to: Redis holds the shared totals
 * while it answers; meanwhile each replica counts on its own, on top of the last totals it knew, and adds what it
 * counted once Redis is back. Each day has keys of its own that expire a day after it ends; at 00:00 UTC every count
 * starts again from 0.
 */
public final class DayCounts {

    /** What this replica knows of one subject today. */
    private static final class Count {
        final LocalDate day;
        long shared;
        long unsent;

        Count(LocalDate day) {
            this.day = day;
        }
    }

    private final SharedState shared;
    private final Clock clock;
    private final String name;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    /**
     * @param name the part of the keys after the prefix, e.g. {@code neurons}
     */
    public DayCounts(SharedState shared, Clock clock, String name) {
        this.shared = shared;
        this.clock = clock;
        this.name = name;
        if (shared.configured()) {
            shared.whenConnected(this::sendUnsent);
        }
    }

    /** The UTC day the counts are of. */
    public LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** When today's counts start again from 0. */
    public Instant resetsAt() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The Redis key of the subject's count today, for commands that read or change it with others at once. */
    public String key(String subject) {
        return shared.key(name, today().toString(), subject);
    }

    /** When today's keys expire: a day after it ends, so that yesterday's counts can still be read for a while. */
    public long expiresAtMillis() {
        return resetsAt().plusSeconds(86_400).toEpochMilli();
    }

    /** The subject's count today as this replica knows it now, without asking Redis. */
    public long get(String subject) {
        Count count = current(subject);
        synchronized (count) {
            return count.shared + count.unsent;
        }
    }

    /**
     * Adds to the subject's count today: in Redis when it answers, else here until it does. Never fails.
     *
     * @return the count after the addition, shared or this replica's
     */
    public Uni<Long> add(String subject, long amount) {
        if (!shared.configured()) {
            return Uni.createFrom().item(() -> addHere(subject, amount));
        }
        String key = key(subject);
        return shared.call(ds -> ds.value(Long.class).incrby(key, amount)
                .call(total -> total == amount ? ds.key().pexpireat(key, expiresAtMillis()) : Uni.createFrom().voidItem()))
                .map(total -> learned(subject, total))
                .onFailure().recoverWithItem(failure -> addHere(subject, amount));
    }

    /** Records a total Redis answered for the subject's count today (after a command of the caller's own). */
    public long learned(String subject, long total) {
        Count count = current(subject);
        synchronized (count) {
            count.shared = total;
            return total + count.unsent;
        }
    }

    /** Counts here what could not be added in Redis, to be added there once it answers. */
    public long addHere(String subject, long amount) {
        Count count = current(subject);
        synchronized (count) {
            count.unsent += amount;
            return count.shared + count.unsent;
        }
    }

    /** Reads today's shared counts of the subjects, so that what other replicas added shows here. Never fails. */
    public Uni<Void> refresh(Collection<String> subjects) {
        if (!shared.configured() || subjects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> names = List.copyOf(subjects);
        String[] keys = names.stream().map(this::key).toArray(String[]::new);
        return shared.call(ds -> ds.value(Long.class).mget(keys)).invoke(totals -> {
            for (int i = 0; i < names.size(); i++) {
                Long total = totals.get(keys[i]);
                learned(names.get(i), total == null ? 0 : total);
            }
        }).replaceWithVoid().onFailure().recoverWithNull();
    }

    private Count current(String subject) {
        LocalDate today = today();
        return counts.compute(subject, (s, count) -> count == null || !count.day.equals(today) ? new Count(today) : count);
    }

    /** Once Redis answers again: adds there what was counted here meanwhile. */
    private void sendUnsent() {
        counts.forEach((subject, count) -> {
            long unsent;
            synchronized (count) {
                if (count.unsent == 0 || !count.day.equals(today())) {
                    return;
                }
                unsent = count.unsent;
                count.unsent = 0;
            }
            add(subject, unsent).subscribe().with(total -> Log.debugf("%s %s: %d counted while Redis was lost added",
                    name, subject, unsent));
        });
    }
}

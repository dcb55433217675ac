package dev.fluxsuite.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.MutableClock;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Counts that two replicas add to through one real Redis, and what each does while it is lost. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class DayCountsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SharedState shared;

    @InjectRedis
    RedisServer redis;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T23:59:00Z"));

    @BeforeEach
    void redisAnswers() {
        await().atMost(WAIT).until(shared::connected);
    }

    @Test
    void everyReplicaAddsToOneCountThatExpiresADayAfterItsDay() {
        DayCounts one = new DayCounts(shared, clock, "test-shared");
        DayCounts other = new DayCounts(shared, clock, "test-shared");

        assertThat(one.add("s", 3).await().atMost(WAIT)).isEqualTo(3);
        assertThat(other.add("s", 4).await().atMost(WAIT)).isEqualTo(7);
        one.refresh(List.of("s")).await().atMost(WAIT);

        assertThat(one.get("s")).isEqualTo(7);
        assertThat(redis.command("GET", "flux-suite:test-shared:2026-12-02:s")).isEqualTo("7");
        assertThat(Long.parseLong(redis.command("PEXPIRETIME", "flux-suite:test-shared:2026-12-02:s")))
                .isEqualTo(Instant.parse("2026-12-04T00:00:00Z").toEpochMilli());
    }

    @Test
    void startsFromNothingAtMidnightUtc() {
        DayCounts counts = new DayCounts(shared, clock, "test-midnight");
        counts.add("s", 5).await().atMost(WAIT);

        clock.advance(Duration.ofMinutes(2));

        assertThat(counts.get("s")).isZero();
        assertThat(counts.today()).hasToString("2026-12-03");
        assertThat(counts.add("s", 1).await().atMost(WAIT)).isEqualTo(1);
    }

    @Test
    void countsHereWhileRedisIsLostAndAddsItThereOnceItIsBack() {
        DayCounts counts = new DayCounts(shared, clock, "test-lost");
        counts.add("s", 10).await().atMost(WAIT);

        redis.kill();
        await().atMost(WAIT).until(() -> !shared.connected());
        assertThat(counts.add("s", 2).await().atMost(WAIT)).isEqualTo(12);
        assertThat(counts.add("s", 3).await().atMost(WAIT)).isEqualTo(15);

        redis.start();
        await().atMost(WAIT).until(shared::connected);
        await().atMost(WAIT).until(() -> "5".equals(redis.command("GET", "flux-suite:test-lost:2026-12-02:s")));
        // This Redis came back empty: it holds what was counted while it was away, and this replica knows it.
        await().atMost(WAIT).until(() -> counts.get("s") == 5);
    }
}

package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Consumers' limits counted in a real Redis, and held by this replica alone while Redis is lost. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class BudgetsOnRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Budgets budgets;

    @Inject
    SharedState shared;

    @InjectRedis
    RedisServer redis;

    @BeforeEach
    void redisAnswers() {
        await().atMost(WAIT).until(shared::connected);
    }

    @Test
    void countsInRedisAndGivesBackWhatFailed() {
        Consumer consumer = new Consumer("counted", new byte[32], null, 5);

        budgets.admit(consumer, 2).await().atMost(WAIT).succeeded("FLUX.1-Schnell-CF", 115.2);
        budgets.admit(consumer, 2).await().atMost(WAIT).failed();

        await().atMost(WAIT).until(() -> "2".equals(redis.command("GET", key("counted:images"))));
        assertThat(redis.command("GET", key("counted:requests"))).isEqualTo("2");
        await().atMost(WAIT).until(() -> "115200".equals(redis.command("GET", key("counted:neurons"))));
        assertThat(Long.parseLong(redis.command("PTTL", key("counted:images")))).isGreaterThan(86_400_000L);
    }

    @Test
    void whileRedisIsLostEachLimitHoldsOnWhatThisReplicaKnows() {
        Consumer daily = new Consumer("lost-daily", new byte[32], null, 3);
        Consumer paced = new Consumer("lost-paced", new byte[32], 2, null);
        budgets.admit(daily, 2).await().atMost(WAIT).succeeded("m", 0);
        budgets.admit(paced, 1).await().atMost(WAIT).succeeded("m", 0);
        budgets.admit(paced, 1).await().atMost(WAIT).succeeded("m", 0);

        redis.kill();
        await().atMost(WAIT).until(() -> !shared.connected());

        budgets.admit(daily, 1).await().atMost(WAIT).succeeded("m", 0);
        assertThatThrownBy(() -> budgets.admit(daily, 1).await().atMost(WAIT))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.code()).isEqualTo("daily_budget_exhausted"));
        assertThatThrownBy(() -> budgets.admit(paced, 1).await().atMost(WAIT))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
                });

        redis.start();
        await().atMost(WAIT).until(shared::connected);
        // This Redis came back empty: it holds the image counted while it was away.
        await().atMost(WAIT).until(() -> "1".equals(redis.command("GET", key("lost-daily:images"))));
    }

    private String key(String subject) {
        return "flux-suite:consumers:" + LocalDate.now(ZoneOffset.UTC) + ":" + subject;
    }
}

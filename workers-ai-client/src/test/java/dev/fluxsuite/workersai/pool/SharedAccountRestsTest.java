package dev.fluxsuite.workersai.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import dev.fluxsuite.workersai.CapacityExceededException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The pool's rests shared through a real Redis, as another replica would publish and read them. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SharedAccountRestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHANNEL = "flux-suite:account-rests";

    @Inject
    AccountPool pool;

    @Inject
    SharedState shared;

    @InjectRedis
    RedisServer redis;

    @BeforeEach
    void redisAnswers() {
        await().atMost(WAIT).until(shared::connected);
    }

    @Test
    void publishesWhatItFindsUnderAKeyThatEndsWithTheRest() {
        pool.report(pool.accounts().get(1), "@cf/test/model-a", new CapacityExceededException("busy", 429, 3040,
                Duration.ofSeconds(60)));

        String key = "flux-suite:account:" + SharedAccountRests.digest("acc-b") + ":MODEL_RESTING:@cf/test/model-a";
        await().atMost(WAIT).until(() -> redis.keys("flux-suite:account:").contains(key));
        assertThat(Long.parseLong(redis.command("PTTL", key))).isBetween(50_000L, 60_000L);
        assertThat(redis.command("GET", key)).contains("\"reason\":\"MODEL_RESTING\"", "\"model\":\"@cf/test/model-a\"")
                .doesNotContain("acc-b", "token-b");
    }

    @Test
    void learnsWhatAnotherReplicaPublishes() {
        redis.command("PUBLISH", CHANNEL, message("acc-a", "@cf/test/model-b", 60));

        await().atMost(WAIT).until(() -> pool.status().get(0).coolingModels().containsKey("@cf/test/model-b"));
        assertThat(pool.status().get(1).coolingModels()).doesNotContainKey("@cf/test/model-b");
    }

    @Test
    void readsWhatIsInForceAndSharesWhatItFoundOnceRedisIsBack() {
        redis.kill();
        await().atMost(WAIT).until(() -> !shared.connected());
        pool.report(pool.accounts().get(0), "@cf/test/model-c", new CapacityExceededException("busy", 429, 3040,
                Duration.ofSeconds(60)));

        redis.start();
        await().atMost(WAIT).until(shared::connected);
        String mine = "flux-suite:account:" + SharedAccountRests.digest("acc-a") + ":MODEL_RESTING:@cf/test/model-c";
        await().atMost(WAIT).until(() -> redis.keys("flux-suite:account:").contains(mine));
        redis.command("PUBLISH", CHANNEL, message("acc-b", "@cf/test/model-d", 60));
        await().atMost(WAIT).until(() -> pool.status().get(1).coolingModels().containsKey("@cf/test/model-d"));

        String theirs = "flux-suite:account:" + SharedAccountRests.digest("acc-b") + ":MODEL_RESTING:@cf/test/model-e";
        redis.command("SET", theirs, message("acc-b", "@cf/test/model-e", 60), "PX", "60000");
        shared.lost(new IllegalStateException("connection reset"));
        await().atMost(WAIT).until(() -> pool.status().get(1).coolingModels().containsKey("@cf/test/model-e"));
    }

    private static String message(String accountId, String model, int seconds) {
        return "{\"account\":\"" + SharedAccountRests.digest(accountId) + "\",\"reason\":\"MODEL_RESTING\",\"model\":\""
                + model + "\",\"until\":" + Instant.now().plusSeconds(seconds).toEpochMilli()
                + ",\"origin\":\"another-replica\"}";
    }
}

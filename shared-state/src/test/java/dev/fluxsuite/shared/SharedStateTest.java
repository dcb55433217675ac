package dev.fluxsuite.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SharedStateTest {

    @Inject
    SharedState shared;

    @InjectRedis
    RedisServer redis;

    @BeforeEach
    void redisAnswers() {
        await().atMost(Duration.ofSeconds(10)).until(shared::connected);
    }

    @Test
    void runsCommandsOnRedisUnderItsPrefix() {
        shared.call(ds -> ds.value(String.class).setex(shared.key("test", "a"), 30, "shared"))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(redis.command("GET", "flux-suite:test:a")).isEqualTo("shared");
    }

    @Test
    void failsAtOnceWhileRedisIsLostAndSharesAgainOnceItIsBack() {
        AtomicInteger syncs = new AtomicInteger();
        shared.whenConnected(syncs::incrementAndGet);
        assertThat(syncs).hasValue(1);

        redis.kill();
        await().atMost(Duration.ofSeconds(5)).until(() -> shared.link().state() == SharedState.State.UNREACHABLE);
        long started = System.nanoTime();
        Uni<String> ping = shared.call(ds -> ds.execute("PING").map(Object::toString));
        assertThat(ping.onFailure().recoverWithItem("failed").await().atMost(Duration.ofSeconds(5))).isEqualTo("failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("unreachable since")).body(not(containsString(RedisTestResource.PASSWORD)));

        redis.start();
        await().atMost(Duration.ofSeconds(10)).until(shared::connected);
        assertThat(syncs).hasValue(2);
        given().get("/q/health/ready").then().statusCode(200).body(containsString("connected to redis://***@127.0.0.1"));
    }

    @Test
    void deliversWhatIsPublishedOnAChannelUntilTheConnectionEnds() {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        shared.subscribe(shared.key("test-channel"), received::add, ended::incrementAndGet)
                .await().atMost(Duration.ofSeconds(5));

        redis.command("PUBLISH", "flux-suite:test-channel", "first");
        redis.command("PUBLISH", "flux-suite:other-channel", "elsewhere");
        redis.command("PUBLISH", "flux-suite:test-channel", "second");
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).containsExactly("first", "second");

        redis.command("CLIENT", "KILL", "TYPE", "pubsub");
        await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() > 0);
        await().atMost(Duration.ofSeconds(5)).until(shared::connected);
    }

    @Test
    void saysNothingOfThePassword() {
        assertThat(shared.link().redis()).doesNotContain(RedisTestResource.PASSWORD);
        assertThat(shared.reason(new IllegalStateException("cannot reach " + redis.url())))
                .doesNotContain(RedisTestResource.PASSWORD);
    }
}

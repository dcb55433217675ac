package dev.fluxsuite.gateway.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.testsupport.Images;
import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With Redis, images by URL live there for IMAGE_EXPIRATION; while it is lost, in this replica. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class ImageStoreOnRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ImageStore store;

    @Inject
    SharedState shared;

    @InjectRedis
    RedisServer redis;

    @BeforeEach
    void redisAnswers() {
        await().atMost(WAIT).until(shared::connected);
    }

    @Test
    void keepsImagesInRedisAsBytesForTheirExpiration() {
        byte[] png = Images.png(64, 48);
        long here = store.bytesHere();
        String id = store.put(png, "image/png").await().atMost(WAIT);

        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(redis.keys("flux-suite:image:")).contains("flux-suite:image:" + id);
        assertThat(Long.parseLong(redis.command("TTL", "flux-suite:image:" + id))).isBetween(1790L, 1800L);
        assertThat(Integer.parseInt(redis.command("STRLEN", "flux-suite:image:" + id))).isEqualTo(png.length);
        assertThat(store.bytesHere()).isEqualTo(here);
        given().get("/images/" + id).then().statusCode(200).contentType("image/png")
                .header("Cache-Control", org.hamcrest.Matchers.matchesPattern("private, max-age=17\\d\\d"))
                .extract().asByteArray();
        assertThat(given().get("/images/" + id).then().extract().asByteArray()).isEqualTo(png);
        given().get("/images/" + "B".repeat(22)).then().statusCode(404).body("code", equalTo("image_not_found"));
    }

    @Test
    void keepsImagesHereWhileRedisIsLostAndInRedisOnceItIsBack() {
        String inRedis = store.put(Images.jpeg(32, 32), "image/jpeg").await().atMost(WAIT);
        redis.kill();
        await().atMost(WAIT).until(() -> !shared.connected());

        String here = store.put(Images.jpeg(40, 40), "image/jpeg").await().atMost(WAIT);
        given().get("/images/" + here).then().statusCode(200).contentType("image/jpeg");
        assertThatThrownBy(() -> store.get(inRedis).await().atMost(WAIT))
                .isInstanceOf(ImageStoreUnavailableException.class);
        given().get("/images/" + inRedis).then().statusCode(503).header("Retry-After", "2")
                .body("code", equalTo("image_store_unavailable"));

        long keptHere = store.bytesHere();
        redis.start();
        await().atMost(WAIT).until(shared::connected);
        String again = store.put(Images.jpeg(48, 48), "image/jpeg").await().atMost(WAIT);
        await().atMost(WAIT).until(() -> redis.keys("flux-suite:image:").contains("flux-suite:image:" + here));
        assertThat(redis.keys("flux-suite:image:")).contains("flux-suite:image:" + again).hasSize(2);
        assertThat(Long.parseLong(redis.command("TTL", "flux-suite:image:" + here))).isBetween(1700L, 1800L);
        assertThat(store.bytesHere()).as("handed over to Redis").isLessThan(keptHere);
        given().get("/images/" + here).then().statusCode(200).contentType("image/jpeg");
    }
}

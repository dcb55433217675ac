package dev.fluxsuite.translation.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.fluxsuite.translation.rest.TranslationResourceTest.chat;
import static dev.fluxsuite.translation.rest.TranslationResourceTest.error;
import static dev.fluxsuite.translation.rest.TranslationResourceTest.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.shared.SharedState;
import dev.fluxsuite.testsupport.InjectRedis;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.RedisTestResource;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With Redis, a translation one replica made is a hit on the others; fallbacks are shared no more than cached. */
@QuarkusTest
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SharedTranslationCacheTest {

    private static final String CHAT = "@cf/meta/llama-3.1-8b-instruct-fast";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @InjectWireMock
    WireMockServer wireMock;

    @InjectRedis
    RedisServer redis;

    @Inject
    SharedState shared;

    /** Looked up, not injected: the other test classes of this module start without Redis. */
    @Inject
    InjectableInstance<RedisDataSource> redisData;

    private RedisDataSource ds;

    @Inject
    ProviderState providers;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        providers.forget();
        await().atMost(WAIT).until(shared::connected);
        ds = redisData.get();
    }

    private static String key(String text) {
        return "flux-suite:translation:" + String.join("\u0000", "workers-ai", CHAT, "false", "zh", "en", text);
    }

    private void chatAnswers(String text) {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/[^/]+/ai/run/" + CHAT)).willReturn(chat(text)));
    }

    @Test
    void aTranslationMadeHereIsKeptInRedisForTheCacheTtl() {
        chatAnswers("a cat on a roof");

        translate("{\"text\":\"一只猫在屋顶上\"}").statusCode(200).body("cached", equalTo(false));

        await().atMost(WAIT).until(() -> ds.value(String.class).get(key("一只猫在屋顶上")) != null);
        assertThat(ds.value(String.class).get(key("一只猫在屋顶上"))).isEqualTo("a cat on a roof");
        assertThat(ds.key().pttl(key("一只猫在屋顶上"))).isBetween(Duration.ofHours(24).minusMinutes(1).toMillis(),
                Duration.ofHours(24).toMillis());
    }

    @Test
    void aTranslationAnotherReplicaMadeIsAHitWithoutAnUpstreamCall() {
        ds.value(String.class).psetex(key("两只狗在海边"), 60_000, "two dogs by the sea");

        translate("{\"text\":\"两只狗在海边\"}").statusCode(200).body("cached", equalTo(true))
                .body("translated", equalTo("two dogs by the sea")).body("provider", equalTo("workers-ai"));
        translate("{\"text\":\"两只狗在海边\"}").statusCode(200).body("cached", equalTo(true));
        wireMock.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void fallbacksAreNotShared() {
        wireMock.stubFor(post(urlPathMatching("/client/v4/accounts/[^/]+/ai/run/.*")).willReturn(error(500, 3043)));
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));

        translate("{\"text\":\"一只鸟\"}").statusCode(200).body("fallback", equalTo(true));

        assertThat(redis.keys("flux-suite:translation:")).noneMatch(key -> key.contains("一只鸟"));
    }

    @Test
    void translatesWhileRedisIsLost() {
        chatAnswers("a fish in a pond");
        redis.kill();
        await().atMost(WAIT).until(() -> !shared.connected());

        translate("{\"text\":\"池塘里的一条鱼\"}").statusCode(200).body("fallback", equalTo(false))
                .body("translated", equalTo("a fish in a pond")).body("cached", equalTo(false));
        translate("{\"text\":\"池塘里的一条鱼\"}").statusCode(200).body("cached", equalTo(true));

        redis.start();
    }
}

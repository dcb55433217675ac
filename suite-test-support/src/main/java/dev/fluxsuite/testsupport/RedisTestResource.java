package dev.fluxsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real Redis ({@link RedisServer}) with a password and points the service under test at it
 * ({@code quarkus.redis.hosts}), with a short probe interval so that a test sees a lost Redis come back quickly.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    /** The password of the Redis of these tests, to be searched for in logs and answers. */
    public static final String PASSWORD = "redis-test-password-7f3a";

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.start("redis", PASSWORD);
        return Map.of("quarkus.redis.hosts", redis.url(), "shared-state.probe-interval", "300ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}

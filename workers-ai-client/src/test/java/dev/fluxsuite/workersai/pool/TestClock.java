package dev.fluxsuite.workersai.pool;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** Replaces the system clock in {@code @QuarkusTest}s, so a test can move past every cooldown. */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends MutableClock {

    public TestClock() {
        super(Instant.now());
    }
}

package dev.fluxsuite.testsupport;

import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * Replaces the system clock in the {@code @QuarkusTest}s of every module that uses this one: time stands still
 * unless a test moves it, so cooldowns and the UTC reset happen exactly when a test says.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends MutableClock {

    public TestClock() {
        super(Instant.now());
    }
}

package dev.fluxsuite.gateway.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The clock the day's budgets and the rate windows read; a test may put its own in its place. */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

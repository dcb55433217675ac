package dev.fluxsuite.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ErrorShapeTest {

    @Test
    void aWaitOfHoursTellsOpenAisSdksNotToRetryWithinTheCall() {
        Response spent = ErrorShape.OPENAI.response(new Failure(429, "daily_quota_exhausted", "spent", null,
                Duration.ofHours(5).plusMillis(1)));

        assertThat(spent.getHeaderString("Retry-After")).isEqualTo("18001");
        assertThat(spent.getHeaderString("X-Should-Retry")).isEqualTo("false");
    }

    @Test
    void aShortWaitIsLeftToTheClientsRetries() {
        Response busy = ErrorShape.SEED.response(new Failure(429, "rate_limited", "busy", null, Duration.ofSeconds(10)));

        assertThat(busy.getHeaderString("Retry-After")).isEqualTo("10");
        assertThat(busy.getHeaderString("X-Should-Retry")).isNull();
    }
}

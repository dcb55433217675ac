package dev.fluxsuite.workersai.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

/** A connection that breaks, however it breaks, is tried again elsewhere and counts against the model's health. */
class BrokenConnectionsTest {

    @Test
    void aConnectionClosedAsItWasReusedIsTriedAgainAndCountsAsUpstreamTrouble() {
        Throwable closed = new HttpClosedException("Connection was closed");

        assertThat(new RetryableFailure().test(closed)).isTrue();
        assertThat(new UpstreamTrouble().test(closed)).isTrue();
    }

    @Test
    void resetsAndTimeoutsAreTriedAgainButBadInputIsNot() {
        assertThat(new RetryableFailure().test(new IOException("Connection reset"))).isTrue();
        assertThat(new RetryableFailure().test(new TimeoutException())).isTrue();
        assertThat(new RetryableFailure().test(new IllegalArgumentException("bad input"))).isFalse();
    }
}

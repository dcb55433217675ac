package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.MutableClock;

class ImageStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final ImageStore store = new ImageStore(Duration.ofMinutes(30), 1000, clock);

    @Test
    void keepsAnImageUnderAnUnguessableId() {
        String id = store.put(new byte[] {1, 2, 3}, "image/png").orElseThrow();

        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(store.get(id)).get().satisfies(image -> {
            assertThat(image.bytes()).containsExactly(1, 2, 3);
            assertThat(image.contentType()).isEqualTo("image/png");
        });
        assertThat(store.get("A".repeat(22))).isEmpty();
        assertThat(store.get("../etc/passwd")).isEmpty();
    }

    @Test
    void forgetsImagesWhenTheyExpire() {
        String id = store.put(new byte[10], "image/png").orElseThrow();

        clock.advance(Duration.ofMinutes(30));
        assertThat(store.get(id)).isEmpty();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void dropsTheOldestWhenTheBytesRunOut() {
        String first = store.put(new byte[400], "image/png").orElseThrow();
        String second = store.put(new byte[400], "image/png").orElseThrow();
        String third = store.put(new byte[400], "image/png").orElseThrow();

        assertThat(store.get(first)).isEmpty();
        assertThat(store.get(second)).isPresent();
        assertThat(store.get(third)).isPresent();
        assertThat(store.bytes()).isEqualTo(800);
    }

    @Test
    void refusesAnImageLargerThanTheWholeBudget() {
        assertThat(store.put(new byte[1001], "image/png")).isEmpty();
    }
}

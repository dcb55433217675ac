package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.gateway.service.ImageStore.StoredImage;
import dev.fluxsuite.testsupport.MutableClock;

class LocalImagesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final LocalImages images = new LocalImages(Duration.ofMinutes(30), 1000, clock);

    @Test
    void forgetsImagesWhenTheyExpire() {
        images.put("a", image(10));

        clock.advance(Duration.ofMinutes(29));
        assertThat(images.get("a")).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(images.get("a")).isEmpty();
        assertThat(images.bytes()).isZero();
    }

    @Test
    void dropsTheOldestWhenTheBytesRunOutEvenIfItWasFetched() {
        images.put("first", image(400));
        images.put("second", image(400));
        for (int i = 0; i < 5; i++) {
            images.get("first");
            images.get("second");
        }

        images.put("third", image(400));

        assertThat(images.get("first")).isEmpty();
        assertThat(images.get("second")).isPresent();
        assertThat(images.get("third")).isPresent();
        assertThat(images.bytes()).isEqualTo(800);
    }

    @Test
    void keepsEveryNewImageOnceFull() {
        for (int i = 0; i < 100; i++) {
            assertThat(images.put("image-" + i, image(100 + i % 3 * 200))).isTrue();
            assertThat(images.get("image-" + i)).as("image %d right after it was kept", i).isPresent();
            assertThat(images.bytes()).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void refusesAnImageLargerThanTheWholeBudget() {
        assertThat(images.put("big", image(1001))).isFalse();
        assertThat(images.get("big")).isEmpty();
    }

    private StoredImage image(int bytes) {
        return new StoredImage(new byte[bytes], "image/png", clock.instant().plus(Duration.ofMinutes(30)));
    }
}

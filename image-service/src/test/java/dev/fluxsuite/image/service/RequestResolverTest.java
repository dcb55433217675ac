package dev.fluxsuite.image.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.image.ImageRequest;

class RequestResolverTest {

    private static final CatalogModel FLUX = new CatalogModel("FLUX.1-Schnell-CF", "@cf/black-forest-labs/flux-1-schnell",
            Family.FLUX, 4);
    private static final CatalogModel SDXL = new CatalogModel("SD-XL-Bash-CF", "@cf/stabilityai/stable-diffusion-xl-base-1.0",
            Family.STABLE_DIFFUSION, 20);
    private static final CatalogModel PHOENIX = new CatalogModel("phoenix", "@cf/leonardo/phoenix-1.0", Family.PHOENIX, 25);
    private static final CatalogModel LUCID = new CatalogModel("lucid", "@cf/leonardo/lucid-origin", Family.LUCID, 20);

    private static ImageRequest request(Integer width, Integer height, Integer steps, Long seed, String negative,
            Double guidance) {
        return new ImageRequest("  a cat  ", null, width, height, steps, seed, negative, guidance);
    }

    @Test
    void fluxGetsStepsAndSeedOnly() {
        ResolvedRequest resolved = RequestResolver.resolve(request(null, null, null, 7L, null, null), FLUX);

        assertThat(resolved.upstreamInput()).isEqualTo(Map.of("prompt", "a cat", "steps", 4, "seed", 7L));
        assertThat(resolved.width()).isEqualTo(1024);
    }

    @Test
    void stableDiffusionGetsItsOwnFieldNamesAndDefaults() {
        ResolvedRequest resolved = RequestResolver.resolve(request(768, null, null, 1L, "blurry", null), SDXL);

        assertThat(resolved.upstreamInput()).isEqualTo(Map.of("prompt", "a cat", "num_steps", 20, "seed", 1L,
                "width", 768, "height", 1024, "guidance", 7.5, "negative_prompt", "blurry"));
    }

    @Test
    void leonardoModelsGetTheirOwnDefaults() {
        assertThat(RequestResolver.resolve(request(null, null, null, 1L, null, null), PHOENIX).upstreamInput())
                .containsEntry("num_steps", 25).containsEntry("guidance", 2.0).containsEntry("width", 1024);
        assertThat(RequestResolver.resolve(request(null, null, null, 1L, null, null), LUCID).upstreamInput())
                .containsEntry("steps", 20).containsEntry("guidance", 4.5).containsEntry("height", 1120)
                .doesNotContainKey("negative_prompt");
    }

    @Test
    void seedIsDrawnWhenAbsent() {
        long seed = RequestResolver.resolve(request(null, null, null, null, null, null), FLUX).seed();

        assertThat(seed).isBetween(0L, RequestResolver.MAX_SEED);
    }

    @Test
    void stepsBeyondTheModelsLimitNameTheLimit() {
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, 50, null, null, null), FLUX))
                .isInstanceOf(ImageRequestException.class)
                .hasMessage("steps must be between 1 and 8 for FLUX.1-Schnell-CF, not 50");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, 21, null, null, null), SDXL))
                .hasMessage("steps must be between 1 and 20 for SD-XL-Bash-CF, not 21");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, 0, null, null, null), SDXL))
                .hasMessageContaining("between 1 and 20");
    }

    @Test
    void sizesFluxCannotMakeSayWhichItCan() {
        assertThatThrownBy(() -> RequestResolver.resolve(request(768, 512, null, null, null, null), FLUX))
                .hasMessage("FLUX.1-Schnell-CF makes 1024x1024 images only: leave width and height out, or set them to 1024");
        assertThat(RequestResolver.resolve(request(1024, 1024, null, 1L, null, null), FLUX).upstreamInput())
                .doesNotContainKey("width");
    }

    @Test
    void sizesOutOfRangeOrNotMultiplesOfEightAreRefused() {
        assertThatThrownBy(() -> RequestResolver.resolve(request(4096, null, null, null, null, null), SDXL))
                .hasMessage("width must be between 256 and 2048 for SD-XL-Bash-CF, not 4096");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, 100, null, null, null, null), SDXL))
                .hasMessageContaining("height must be between 256 and 2048");
        assertThatThrownBy(() -> RequestResolver.resolve(request(770, null, null, null, null, null), SDXL))
                .hasMessage("width must be a multiple of 8 for SD-XL-Bash-CF: 768 or 776, not 770");
        assertThat(RequestResolver.resolve(request(2496, 2496, null, 1L, null, null), LUCID).width()).isEqualTo(2496);
    }

    @Test
    void fieldsAModelDoesNotTakeAreRefused() {
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, null, null, null, 3.0), FLUX))
                .hasMessage("FLUX.1-Schnell-CF takes no guidance: leave it out");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, null, null, "ugly", null), FLUX))
                .hasMessage("FLUX.1-Schnell-CF takes no negativePrompt: leave it out");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, null, null, null, 11.0), PHOENIX))
                .hasMessage("guidance must be between 2.0 and 10.0 for phoenix, not 11.0");
    }

    @Test
    void seedOutsideUnsigned32BitsIsRefused() {
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, null, -1L, null, null), FLUX))
                .hasMessage("seed must be between 0 and 4294967295, not -1");
        assertThatThrownBy(() -> RequestResolver.resolve(request(null, null, null, 4294967296L, null, null), FLUX))
                .hasMessageContaining("seed must be between 0 and 4294967295");
    }
}

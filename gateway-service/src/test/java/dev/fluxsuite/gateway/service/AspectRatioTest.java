package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AspectRatioTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a castle at dusk 16:9 | a castle at dusk | 16:9",
            "一只可爱的猫咪，3:2 | 一只可爱的猫咪 | 3:2",
            "portrait of a knight --ar 9:16 | portrait of a knight | 9:16",
            "a square cat, 1:1. | a square cat | 1:1" })
    void takesATrailingRatioOutOfThePrompt(String prompt, String rest, String ratio) {
        AspectRatio.Split split = AspectRatio.split(prompt);

        assertThat(split.prompt()).isEqualTo(rest);
        assertThat(split.ratio()).map(AspectRatio::toString).contains(ratio);
    }

    @Test
    void leavesPromptsWithoutARatioAlone() {
        assertThat(AspectRatio.split("a clock tower at 10:30").ratio()).isEmpty();
        assertThat(AspectRatio.split("a clock showing 12:45 sharp").ratio()).isEmpty();
        assertThat(AspectRatio.split("16:9").ratio()).isEmpty();
        assertThat(AspectRatio.split("a banner 7:1").ratio()).isEmpty();
    }

    @Test
    void turnsARatioIntoAMegapixelSizeWithinTheModelsLimits() {
        assertThat(new AspectRatio(16, 9).size(256, 2048, 8)).containsExactly(1368, 768);
        assertThat(new AspectRatio(9, 16).size(256, 2048, 8)).containsExactly(768, 1368);
        assertThat(new AspectRatio(1, 1).size(256, 2048, 8)).containsExactly(1024, 1024);
        assertThat(new AspectRatio(21, 9).size(256, 1024, 8)).containsExactly(1024, 440);
    }
}

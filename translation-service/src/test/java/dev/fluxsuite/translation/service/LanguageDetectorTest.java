package dev.fluxsuite.translation.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "一只可爱的猫咪 | zh",
            "赛博朋克风格的城市夜景,霓虹灯 | zh",
            "かわいい猫が窓辺に座っている | ja",
            "富士山と桜、夕焼け | ja",
            "귀여운 고양이 | ko",
            "милый котёнок на подоконнике | ru",
            "قطة لطيفة | ar",
            "a cute cat sitting on the window | en",
            "cat, 8k, (masterpiece:1.2), [blurry] | en",
            "un chat mignon avec un chapeau | fr",
            "un gato lindo con un sombrero | es",
            "eine süße Katze mit einem Hut | de",
            "一只 cute cat in 东京 | zh",
            "a cute cat, 可爱 | zh",
            "12345 !!! 16:9 | und" })
    void tellsTheLanguageFromTheScripts(String text, String language) {
        assertThat(LanguageDetector.detect(text)).isEqualTo(language);
    }
}

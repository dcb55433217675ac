package dev.fluxsuite.translation.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptCleanerTest {

    @Test
    void dropsReasoningPreambleAndQuotes() {
        assertThat(PromptCleaner.clean("<think>The user wants a cat. Let me translate.</think>\n\nHere is the prompt:\n"
                + "\"a cute cat, red hat, soft light\"")).isEqualTo("a cute cat, red hat, soft light");
    }

    @Test
    void dropsAPreambleOnTheSameLine() {
        assertThat(PromptCleaner.clean("Sure! Here's the translated prompt: a cute cat")).isEqualTo("a cute cat");
        assertThat(PromptCleaner.clean("Translation: 'a cute cat'")).isEqualTo("a cute cat");
        assertThat(PromptCleaner.clean("English prompt: a cat, (red hat:1.2)")).isEqualTo("a cat, (red hat:1.2)");
    }

    @Test
    void joinsLinesAndBulletsIntoOneLine() {
        assertThat(PromptCleaner.clean("```\n- a cute cat\n- sitting on a window\n* sunset light\n1. 8k\n```"))
                .isEqualTo("a cute cat, sitting on a window, sunset light, 8k");
    }

    @Test
    void dropsEchoedTextTags() {
        assertThat(PromptCleaner.clean("<text>\na cute cat\n</text>")).isEqualTo("a cute cat");
    }

    @Test
    void dropsTrailingNotes() {
        assertThat(PromptCleaner.clean("a cute cat, window\n\nNote: I kept the brackets as they were."))
                .isEqualTo("a cute cat, window");
    }

    @Test
    void keepsWeightBrackets() {
        assertThat(PromptCleaner.clean("(a cute cat:1.3), [window], {sunset}"))
                .isEqualTo("(a cute cat:1.3), [window], {sunset}");
    }

    @Test
    void anAnswerThatIsOnlyReasoningIsEmpty() {
        assertThat(PromptCleaner.clean("<think>I should translate this but the answer got cut")).isEmpty();
    }

    @Test
    void cutsAtACommaWithinTheLimit() {
        String cleaned = PromptCleaner.clean("word, ".repeat(500));

        assertThat(cleaned.length()).isLessThanOrEqualTo(PromptCleaner.MAX_LENGTH);
        assertThat(cleaned).endsWith("word");
    }
}

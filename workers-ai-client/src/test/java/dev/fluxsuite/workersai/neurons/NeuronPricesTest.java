package dev.fluxsuite.workersai.neurons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.workersai.WorkersAiResponse;

class NeuronPricesTest {

    private final NeuronPrices prices = new NeuronPrices();

    @Test
    void pricesFluxByItsFourTilesAndItsSteps() {
        // 4 tiles of 512x512 at 4.80, and 9.60 a step: "about 58" for Flux's 1024x1024 at 4 steps.
        assertThat(prices.beforeCall("@cf/black-forest-labs/flux-1-schnell", Map.of("prompt", "a cat", "steps", 4)))
                .isCloseTo(57.6, within(1e-9));
        assertThat(prices.beforeCall("@cf/black-forest-labs/flux-1-schnell", Map.of("prompt", "a cat", "steps", 8)))
                .isCloseTo(96.0, within(1e-9));
        assertThat(prices.beforeCall("@cf/black-forest-labs/flux-1-schnell", Map.of("prompt", "a cat")))
                .isCloseTo(57.6, within(1e-9));
    }

    @Test
    void countsEveryTileAnImageTouches() {
        // 1120x1120 covers 3x3 tiles: $0.007 a tile and $0.000132 a step at $0.011 per 1,000 neurons.
        assertThat(prices.beforeCall("@cf/leonardo/lucid-origin", Map.of("prompt", "a cat", "steps", 20)))
                .isCloseTo(9 * 636.3636 + 20 * 12.0, within(0.01));
        assertThat(prices.beforeCall("@cf/leonardo/phoenix-1.0",
                Map.of("prompt", "a cat", "num_steps", 25, "width", 768, "height", 512)))
                .isCloseTo(2 * 527.2727 + 25 * 10.0, within(0.01));
    }

    @Test
    void betaModelsWithoutAPriceCostNothing() {
        assertThat(prices.beforeCall("@cf/stabilityai/stable-diffusion-xl-base-1.0",
                Map.of("prompt", "a cat", "width", 1024, "height", 1024, "num_steps", 20))).isZero();
        assertThat(prices.beforeCall("@cf/lykon/dreamshaper-8-lcm", Map.of("prompt", "a cat"))).isZero();
    }

    @Test
    void pricesTextGenerationByTheUsageWorkersAiAnswers() {
        WorkersAiResponse answer = json("{\"result\":{\"response\":\"a cat\",\"usage\":{\"prompt_tokens\":1000,"
                + "\"completion_tokens\":100,\"total_tokens\":1100}},\"success\":true,\"errors\":[],\"messages\":[]}");

        assertThat(prices.beforeCall("@cf/meta/llama-3.1-8b-instruct-fast", Map.of("prompt", "猫"))).isZero();
        assertThat(prices.afterCall("@cf/meta/llama-3.1-8b-instruct-fast", Map.of("prompt", "猫"), answer))
                .isCloseTo((1000 * 4119 + 100 * 34868) / 1e6, within(1e-9));
    }

    @Test
    void estimatesTheTokensOfATranslationFromItsLength() {
        WorkersAiResponse answer = json("{\"result\":{\"translated_text\":\"a cute cat\"},\"success\":true}");

        // 一只可爱的猫咪: 21 bytes, 6 tokens; "a cute cat": 10 bytes, 3 tokens; 31050 neurons per million each way.
        assertThat(prices.afterCall("@cf/meta/m2m100-1.2b", Map.of("text", "一只可爱的猫咪", "target_lang", "en"), answer))
                .isCloseTo(9 * 31050 / 1e6, within(1e-4));
    }

    @Test
    void aModelWithoutAKnownPriceCountsNothing() {
        assertThat(prices.beforeCall("@cf/someone/new-model", Map.of("prompt", "a cat"))).isZero();
    }

    private static WorkersAiResponse json(String body) {
        return new WorkersAiResponse("application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}

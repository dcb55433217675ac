package dev.fluxsuite.workersai.neurons;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fluxsuite.workersai.WorkersAiException;
import dev.fluxsuite.workersai.WorkersAiResponse;
import io.quarkus.logging.Log;

/**
 * What a Workers AI call costs in neurons, estimated from Cloudflare's published unit prices at $0.011 per 1,000
 * neurons. Sources, read in December 2026: developers.cloudflare.com/workers-ai/platform/pricing/ (Flux schnell, the
 * LLMs, m2m100) and each model's page (cloudflare-docs {@code src/content/workers-ai-models/<model>.json}, property
 * {@code price}: Leonardo's). Beta models without a price cost nothing.
 */
public final class NeuronPrices {

    /** Dollars per neuron. */
    private static final double DOLLARS = 0.011 / 1000;

    /**
     * A model's prices in neurons.
     *
     * @param size the width and height the model makes when a call names none
     * @param steps the steps it runs when a call names none
     */
    record Price(double perTile, double perStep, int size, int steps, double perMillionInput, double perMillionOutput) {

        static Price image(double dollarsPerTile, double dollarsPerStep, int size, int steps) {
            return new Price(dollarsPerTile / DOLLARS, dollarsPerStep / DOLLARS, size, steps, 0, 0);
        }

        static Price text(double neuronsPerMillionInput, double neuronsPerMillionOutput) {
            return new Price(0, 0, 0, 0, neuronsPerMillionInput, neuronsPerMillionOutput);
        }
    }

    private static final Map<String, Price> PRICES = Map.ofEntries(
            // $0.0000528 per 512x512 tile and $0.0001056 per step: 4.80 and 9.60 neurons
            Map.entry("@cf/black-forest-labs/flux-1-schnell", Price.image(0.0000528, 0.0001056, 1024, 4)),
            Map.entry("@cf/leonardo/phoenix-1.0", Price.image(0.0058, 0.00011, 1024, 25)),
            Map.entry("@cf/leonardo/lucid-origin", Price.image(0.007, 0.000132, 1120, 20)),
            Map.entry("@cf/meta/m2m100-1.2b", Price.text(31050, 31050)),
            // The fast variant, listed on the pricing page as llama-3.1-8b-instruct-fp8-fast.
            Map.entry("@cf/meta/llama-3.1-8b-instruct-fast", Price.text(4119, 34868)),
            Map.entry("@cf/meta/llama-3.1-8b-instruct-fp8-fast", Price.text(4119, 34868)),
            Map.entry("@cf/meta/llama-3.2-1b-instruct", Price.text(2457, 18252)),
            Map.entry("@cf/meta/llama-3.2-3b-instruct", Price.text(4625, 30475)),
            Map.entry("@cf/meta/llama-3.2-11b-vision-instruct", Price.text(4410, 61493)),
            Map.entry("@cf/meta/llama-3.1-70b-instruct-fp8-fast", Price.text(26668, 204805)),
            Map.entry("@cf/meta/llama-3.3-70b-instruct-fp8-fast", Price.text(26668, 204805)),
            Map.entry("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b", Price.text(45170, 443756)),
            Map.entry("@cf/mistral/mistral-7b-instruct-v0.1", Price.text(10000, 17300)),
            Map.entry("@cf/meta/llama-3.1-8b-instruct", Price.text(25608, 75147)),
            Map.entry("@cf/meta/llama-3.1-8b-instruct-fp8", Price.text(13778, 26128)),
            Map.entry("@cf/meta/llama-3.1-8b-instruct-awq", Price.text(11161, 24215)),
            Map.entry("@cf/meta/llama-3-8b-instruct", Price.text(25608, 75147)),
            Map.entry("@cf/meta/llama-3-8b-instruct-awq", Price.text(11161, 24215)));

    /** Beta models that Cloudflare does not charge for. */
    private static final Set<String> FREE = Set.of("@cf/lykon/dreamshaper-8-lcm",
            "@cf/stabilityai/stable-diffusion-xl-base-1.0", "@cf/bytedance/stable-diffusion-xl-lightning");

    /** The side of the tiles image models are priced by. */
    private static final int TILE = 512;

    /** Bytes of text per token, for models that answer no usage (m2m100). */
    private static final int BYTES_PER_TOKEN = 4;

    private final Set<String> unpriced = ConcurrentHashMap.newKeySet();

    /** A call's cost known from its input alone: an image's tiles and steps; 0 for text, whose cost is in its answer. */
    public double beforeCall(String model, Map<String, ?> input) {
        Price price = price(model);
        if (price == null || price.perTile() == 0 && price.perStep() == 0) {
            return 0;
        }
        int width = number(input.get("width"), price.size());
        int height = number(input.get("height"), price.size());
        int steps = number(input.containsKey("steps") ? input.get("steps") : input.get("num_steps"), price.steps());
        long tiles = (long) Math.ceilDiv(width, TILE) * Math.ceilDiv(height, TILE);
        return rounded(tiles * price.perTile() + steps * price.perStep());
    }

    /**
     * A finished call's cost: {@link #beforeCall} plus, for text, its tokens: from the {@code usage} Workers AI
     * answers, or from the length of the text where it answers none.
     */
    public double afterCall(String model, Map<String, ?> input, WorkersAiResponse response) {
        Price price = price(model);
        if (price == null || price.perMillionInput() == 0 && price.perMillionOutput() == 0) {
            return beforeCall(model, input);
        }
        long in;
        long out;
        JsonNode result;
        try {
            result = response.result();
        } catch (WorkersAiException notAnEnvelope) {
            return 0;
        }
        JsonNode usage = result.path("usage");
        if (usage.isObject()) {
            in = usage.path("prompt_tokens").asLong();
            out = usage.path("completion_tokens").asLong();
        } else {
            in = tokens(String.valueOf(input.get("text")));
            out = tokens(result.path("translated_text").asText(result.path("response").asText("")));
        }
        return rounded((in * price.perMillionInput() + out * price.perMillionOutput()) / 1_000_000);
    }

    private Price price(String model) {
        Price price = PRICES.get(model);
        if (price == null && !FREE.contains(model) && unpriced.add(model)) {
            Log.warnf("%s has no published price known here: its calls count 0 neurons", model);
        }
        return price;
    }

    /** To a ten-thousandth of a neuron, so that 57.6 reads 57.6. */
    private static double rounded(double neurons) {
        return Math.round(neurons * 10_000) / 10_000.0;
    }

    private static long tokens(String text) {
        return Math.ceilDiv(text.getBytes(StandardCharsets.UTF_8).length, BYTES_PER_TOKEN);
    }

    private static int number(Object value, int otherwise) {
        return value instanceof Number n ? n.intValue() : otherwise;
    }
}

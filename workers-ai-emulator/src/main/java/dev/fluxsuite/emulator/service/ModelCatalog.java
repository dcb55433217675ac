package dev.fluxsuite.emulator.service;

import static dev.fluxsuite.emulator.service.Field.optional;
import static dev.fluxsuite.emulator.service.Field.required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.fluxsuite.emulator.service.EmulatedModel.Answer;
import dev.fluxsuite.emulator.service.Field.Type;

/**
 * The models the emulator speaks for, with the input limits of their published schemas
 * (cloudflare-docs {@code src/content/workers-ai-models/*.json}).
 */
@Singleton
public class ModelCatalog {

    public static final String TEXT_TO_IMAGE = "Text-to-Image";
    public static final String TEXT_GENERATION = "Text Generation";
    public static final String TRANSLATION = "Translation";

    private final Map<String, EmulatedModel> models = new LinkedHashMap<>();

    ModelCatalog() {
        add(new EmulatedModel("@cf/black-forest-labs/flux-1-schnell", TEXT_TO_IMAGE, Answer.JSON_JPEG_FIXED,
                "FLUX.1 [schnell], a 12 billion parameter rectified flow transformer.",
                List.of(required("prompt", Type.STRING, 1d, 2048d), optional("steps", Type.INTEGER, 1d, 8d),
                        optional("seed", Type.INTEGER, 0d, null)),
                true, 1024));
        for (String[] sd : new String[][] {
                { "@cf/lykon/dreamshaper-8-lcm", "Stable Diffusion model fine-tuned for photorealism, with LCM." },
                { "@cf/stabilityai/stable-diffusion-xl-base-1.0", "Diffusion-based text-to-image model by Stability AI." },
                { "@cf/bytedance/stable-diffusion-xl-lightning", "SDXL-Lightning, a fast text-to-image model." } }) {
            add(new EmulatedModel(sd[0], TEXT_TO_IMAGE, Answer.RAW_PNG, sd[1], stableDiffusionFields(), false, 1024));
        }
        add(new EmulatedModel("@cf/leonardo/lucid-origin", TEXT_TO_IMAGE, Answer.JSON_JPEG,
                "Leonardo.Ai's Lucid Origin, adaptable and prompt-responsive.",
                List.of(required("prompt", Type.STRING, 1d, null), optional("guidance", Type.NUMBER, 0d, 10d),
                        optional("seed", Type.INTEGER, 0d, null), optional("height", Type.INTEGER, 0d, 2500d),
                        optional("width", Type.INTEGER, 0d, 2500d), optional("num_steps", Type.INTEGER, 1d, 40d),
                        optional("steps", Type.INTEGER, 1d, 40d)),
                false, 1120));
        add(new EmulatedModel("@cf/leonardo/phoenix-1.0", TEXT_TO_IMAGE, Answer.RAW_JPEG,
                "Leonardo.Ai's Phoenix 1.0, exceptional prompt adherence and coherent text.",
                List.of(required("prompt", Type.STRING, 1d, null), optional("guidance", Type.NUMBER, 2d, 10d),
                        optional("seed", Type.INTEGER, 0d, null), optional("height", Type.INTEGER, 0d, 2048d),
                        optional("width", Type.INTEGER, 0d, 2048d), optional("num_steps", Type.INTEGER, 1d, 50d),
                        optional("negative_prompt", Type.STRING, 1d, null)),
                false, 1024));
        for (String chat : List.of("@cf/meta/llama-3.1-8b-instruct-fast", "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
                "@cf/zai-org/glm-4.7-flash", "@cf/google/gemma-4-26b-a4b-it",
                "@cf/mistralai/mistral-small-3.1-24b-instruct", "@cf/qwen/qwen1.5-14b-chat-awq")) {
            add(new EmulatedModel(chat, TEXT_GENERATION, Answer.CHAT, "Instruction-tuned chat model.", chatFields(), false, 0));
        }
        add(new EmulatedModel("@cf/meta/m2m100-1.2b", TRANSLATION, Answer.TRANSLATION,
                "Multilingual encoder-decoder model for many-to-many translation.",
                List.of(required("text", Type.STRING, 1d, null), optional("source_lang", Type.STRING, 2d, 20d),
                        required("target_lang", Type.STRING, 2d, 20d)),
                false, 0));
    }

    private static List<Field> stableDiffusionFields() {
        return List.of(required("prompt", Type.STRING, 1d, null), optional("negative_prompt", Type.STRING, null, null),
                optional("height", Type.INTEGER, 256d, 2048d), optional("width", Type.INTEGER, 256d, 2048d),
                optional("image", Type.ARRAY, null, null), optional("image_b64", Type.STRING, null, null),
                optional("mask", Type.ARRAY, null, null), optional("num_steps", Type.INTEGER, 1d, 20d),
                optional("strength", Type.NUMBER, 0d, 1d), optional("guidance", Type.NUMBER, null, null),
                optional("seed", Type.INTEGER, null, null));
    }

    /** Either {@code prompt} or {@code messages} is required; {@link InputValidator} checks that pair. */
    private static List<Field> chatFields() {
        return List.of(optional("prompt", Type.STRING, 1d, 131072d), optional("messages", Type.ARRAY, 1d, null),
                optional("max_tokens", Type.INTEGER, 1d, null), optional("temperature", Type.NUMBER, 0d, 5d),
                optional("top_p", Type.NUMBER, 0d, 2d), optional("top_k", Type.INTEGER, 1d, 50d),
                optional("seed", Type.INTEGER, 1d, 9999999999d), optional("stream", Type.BOOLEAN, null, null),
                optional("raw", Type.BOOLEAN, null, null), optional("repetition_penalty", Type.NUMBER, 0d, 2d),
                optional("frequency_penalty", Type.NUMBER, 0d, 2d), optional("presence_penalty", Type.NUMBER, 0d, 2d));
    }

    private void add(EmulatedModel model) {
        models.put(model.name(), model);
    }

    public Optional<EmulatedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The models of a task (case-insensitive), or all when {@code task} is blank. */
    public List<EmulatedModel> byTask(String task) {
        List<EmulatedModel> found = new ArrayList<>();
        for (EmulatedModel model : models.values()) {
            if (task == null || task.isBlank() || model.task().equalsIgnoreCase(task.strip())) {
                found.add(model);
            }
        }
        return found;
    }
}

package dev.fluxsuite.gateway.service;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.gateway.client.ImageCall;
import dev.fluxsuite.gateway.client.ImageClient;
import dev.fluxsuite.gateway.client.ModelLists.ImageModel;
import dev.fluxsuite.gateway.client.TranslationClient;
import io.smallrye.mutiny.Uni;

/**
 * Translation, then generation: the one flow behind every public endpoint. Nothing here waits on a thread; a
 * failed translation means the original prompt, an unreachable image-service a clear 503.
 */
@ApplicationScoped
public class GenerationService {

    static final int MAX_PROMPT = 2048;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})\\s*[xX×*]\\s*(\\d{1,5})");

    private final ModelDirectory models;
    private final TranslationClient translation;
    private final ImageClient images;

    GenerationService(ModelDirectory models, TranslationClient translation, ImageClient images) {
        this.models = models;
        this.translation = translation;
        this.images = images;
    }

    /** One image, counted on the consumer's budget once it is made, given back if it is not. */
    public Uni<Generation> generate(GenerationRequest request, Progress progress, Admission admission) {
        return counted(Uni.createFrom().deferred(() -> prepare(request, progress))
                .flatMap(prepared -> render(prepared, 0, progress)).map(List::of), admission)
                .map(List::getFirst);
    }

    /** {@code n} images of one prompt, generated in parallel after one translation. */
    public Uni<List<Generation>> generate(GenerationRequest request, int n, Admission admission) {
        return counted(Uni.createFrom().deferred(() -> prepare(request, Progress.NONE)).flatMap(prepared -> Uni.join()
                .all(IntStream.range(0, n).mapToObj(i -> render(prepared, i, Progress.NONE)).toList())
                .andFailFast()), admission);
    }

    /** A client that leaves before its images are made gets none, so they go back to the budget too. */
    private static Uni<List<Generation>> counted(Uni<List<Generation>> generations, Admission admission) {
        return generations
                .invoke(list -> admission.succeeded(list.getFirst().image().model(),
                        list.stream().mapToDouble(g -> g.image().neurons()).sum()))
                .onFailure().invoke(admission::failed)
                .onCancellation().invoke(admission::failed);
    }

    Uni<Prepared> prepare(GenerationRequest request, Progress progress) {
        String text = request.prompt() == null ? "" : request.prompt().strip();
        if (text.isEmpty()) {
            throw new BadRequestException("prompt", "missing_prompt", "A prompt is required");
        }
        if (text.length() > MAX_PROMPT) {
            throw new BadRequestException("prompt", "prompt_too_long",
                    "The prompt has " + text.length() + " characters; at most " + MAX_PROMPT + " are allowed");
        }
        AspectRatio.Split split = request.size() == null ? AspectRatio.split(text)
                : new AspectRatio.Split(text,
                        Optional.empty());
        int[] explicit = parseSize(request.size());
        return models.find(request.model()).flatMap(model -> {
            Integer[] size = chooseSize(model, explicit, split);
            progress.translating(split.prompt());
            return translation.translate(split.prompt(), request.enhance())
                    .map(result -> new Prepared(request, split.prompt(), result, model, size[0], size[1]));
        }).invoke(progress::translated);
    }

    private Uni<Generation> render(Prepared prepared, int index, Progress progress) {
        progress.generating(prepared);
        GenerationRequest request = prepared.request();
        Long seed = request.seed() == null ? null : request.seed() + index;
        ImageCall call = new ImageCall(prepared.promptUsed(), prepared.model().id(), prepared.width(), prepared.height(),
                request.steps(), seed, blankToNull(request.negativePrompt()), null);
        return images.generate(call).map(image -> new Generation(prepared, image));
    }

    /** An explicit size wins; else a trailing ratio, for models that take a size; else the model's own. */
    private static Integer[] chooseSize(ImageModel model, int[] explicit, AspectRatio.Split split) {
        if (explicit != null) {
            return new Integer[] { explicit[0], explicit[1] };
        }
        if (split.ratio().isPresent() && model.sized()) {
            int[] size = split.ratio().get().size(model.sizes().min(), model.sizes().max(), model.sizes().multipleOf());
            return new Integer[] { size[0], size[1] };
        }
        return new Integer[] { null, null };
    }

    /** {@code WxH}; {@code auto} or blank means none. */
    static int[] parseSize(String size) {
        if (size == null || size.isBlank() || size.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        Matcher matcher = SIZE.matcher(size.strip());
        if (!matcher.matches()) {
            throw new BadRequestException("size", "invalid_size",
                    "size must look like 1024x768, not '" + abbreviate(size) + "'");
        }
        return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

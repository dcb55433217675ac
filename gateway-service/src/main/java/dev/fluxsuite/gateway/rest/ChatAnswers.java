package dev.fluxsuite.gateway.rest;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.gateway.OpenAiApi;
import dev.fluxsuite.gateway.client.TranslationResult;
import dev.fluxsuite.gateway.service.Admission;
import dev.fluxsuite.gateway.service.Generation;
import dev.fluxsuite.gateway.service.GenerationRequest;
import dev.fluxsuite.gateway.service.GenerationService;
import dev.fluxsuite.gateway.service.Prepared;
import dev.fluxsuite.gateway.service.Progress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * What a chat client sees: Markdown with the image by URL, the original prompt, the prompt used, the model, size
 * and seed; streamed as OpenAI's {@code chat.completion.chunk} events, progress first.
 */
@ApplicationScoped
public class ChatAnswers {

    private final GenerationService generations;

    ChatAnswers(GenerationService generations) {
        this.generations = generations;
    }

    OpenAiApi.ChatCompletion completion(Generation generation, String id, long created, String url) {
        String content = markdown(generation, url);
        return new OpenAiApi.ChatCompletion(id, "chat.completion", created, generation.image().model(),
                List.of(new OpenAiApi.Choice(0, new OpenAiApi.ChatMessage("assistant", content), "stop")),
                new OpenAiApi.Usage(0, 0, 0));
    }

    /** A role chunk, progress as it happens, the Markdown, a {@code stop} chunk, then {@code [DONE]}. */
    Multi<String> stream(GenerationRequest request, Admission admission, String id, long created, String model,
            Function<Generation, Uni<String>> url) {
        ChunkWriter chunks = new ChunkWriter(id, created, model);
        return Multi.createFrom().emitter(emitter -> {
            emitter.onTermination(admission::failed);
            emitter.emit(chunks.delta("assistant", ""));
            generations.generate(request, new ChunkProgress(emitter, chunks), admission)
                    .chain(generation -> url.apply(generation).map(link -> markdown(generation, link)))
                    .subscribe().with(markdown -> {
                        emitter.emit(chunks.delta(null, markdown));
                        finish(emitter, chunks);
                    }, failure -> {
                        Failure problem = Failure.of(failure);
                        emitter.emit(chunks.delta(null, "**Error:** " + problem.message()));
                        emitter.emit(Reply.event(null, ErrorShape.OPENAI.body(problem)));
                        finish(emitter, chunks);
                    });
        });
    }

    private static void finish(MultiEmitter<? super String> emitter, ChunkWriter chunks) {
        emitter.emit(chunks.stop());
        emitter.emit(Reply.event(null, "[DONE]"));
        emitter.complete();
    }

    static String markdown(Generation generation, String url) {
        Prepared prepared = generation.prepared();
        TranslationResult translation = prepared.translation();
        StringBuilder text = new StringBuilder();
        text.append("![").append(alt(prepared.promptUsed())).append("](").append(url).append(")\n\n");
        text.append("**Prompt:** ").append(prepared.prompt()).append("\n\n");
        text.append("**Prompt used:** ").append(prepared.promptUsed()).append("\n\n");
        if (translation.fallback()) {
            text.append("_The prompt was not translated: ").append(translation.fallbackReason()).append("._\n\n");
        }
        text.append("**Model:** ").append(generation.image().model())
                .append(" · **Size:** ").append(generation.image().size() == null ? "model default" : generation.image().size())
                .append(" · **Seed:** ").append(generation.image().seed());
        return text.toString();
    }

    /** Markdown's alt text ends at the first closing bracket, and long alt text helps no one. */
    private static String alt(String prompt) {
        String plain = prompt.replaceAll("[\\[\\]\\n]", " ");
        return plain.length() > 100 ? plain.substring(0, 100) + "…" : plain;
    }

    /** Writes chunks that share the completion's id, created time and model. */
    private record ChunkWriter(String id, long created, String model) {

        String delta(String role, String content) {
            return Reply.event(null, new OpenAiApi.ChatChunk(id, "chat.completion.chunk", created, model,
                    List.of(new OpenAiApi.ChunkChoice(0, new OpenAiApi.Delta(role, content), null))));
        }

        String stop() {
            return Reply.event(null, new OpenAiApi.ChatChunk(id, "chat.completion.chunk", created, model,
                    List.of(new OpenAiApi.ChunkChoice(0, new OpenAiApi.Delta(null, null), "stop"))));
        }
    }

    /** Progress as content, so that a chat window shows what is happening. */
    private record ChunkProgress(MultiEmitter<? super String> emitter, ChunkWriter chunks) implements Progress {

        @Override
        public void translating(String prompt) {
            emitter.emit(chunks.delta(null, "_Translating the prompt…_\n\n"));
        }

        @Override
        public void translated(Prepared prepared) {
            emitter.emit(chunks.delta(null, "_Prompt used: " + prepared.promptUsed() + "_\n\n"));
        }

        @Override
        public void generating(Prepared prepared) {
            emitter.emit(chunks.delta(null, "_Generating with " + prepared.model().id() + "…_\n\n"));
        }
    }
}

package dev.fluxsuite.translation.service;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.pool.AccountPool;
import io.smallrye.mutiny.Uni;

/**
 * Workers AI's m2m100-1.2b: plain translation, cheap, with the detected language as {@code source_lang} (its
 * default is English, which would make it return Chinese unchanged). It cannot enhance.
 */
@ApplicationScoped
public class M2m100Provider implements TranslationProvider {

    private final WorkersAiClient client;
    private final AccountPool pool;
    private final String model;

    M2m100Provider(WorkersAiClient client, AccountPool pool, TranslationConfig config) {
        this.client = client;
        this.pool = pool;
        this.model = config.m2m100Model();
    }

    @Override
    public String name() {
        return "m2m100";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Optional<String> unavailableReason() {
        return WorkersAiAvailability.of(pool);
    }

    @Override
    public boolean canEnhance() {
        return false;
    }

    @Override
    public boolean accepts(TranslationTask task) {
        return !task.source().equals(task.target()) && !task.source().equals(LanguageDetector.UNDETERMINED);
    }

    @Override
    public Uni<String> translate(TranslationTask task) {
        Map<String, Object> input = Map.of("text", task.text(), "source_lang", task.source(), "target_lang", task.target());
        return client.run(WorkersAiCall.of(model, input, ResponseDecoders.translatedText()))
                .map(result -> WorkersAiChatProvider.nonEmpty(PromptCleaner.clean(result.value()), model));
    }
}

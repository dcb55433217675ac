package dev.fluxsuite.translation.service;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.MalformedResponseException;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.pool.AccountPool;
import io.smallrye.mutiny.Uni;

/** A Workers AI chat model ({@code CF_TRANSLATE_MODEL}) that translates and, when asked, enhances. */
@ApplicationScoped
public class WorkersAiChatProvider implements TranslationProvider {

    /** Plenty for a 2048-character prompt; short answers keep the neurons spent low. */
    private static final int MAX_TOKENS = 768;

    private final WorkersAiClient client;
    private final AccountPool pool;
    private final String model;

    WorkersAiChatProvider(WorkersAiClient client, AccountPool pool, TranslationConfig config) {
        this.client = client;
        this.pool = pool;
        this.model = config.model();
    }

    @Override
    public String name() {
        return "workers-ai";
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
        return true;
    }

    @Override
    public Uni<String> translate(TranslationTask task) {
        Map<String, Object> input = Map.of("messages", TranslationPrompts.messages(task), "max_tokens", MAX_TOKENS,
                "temperature", 0.2);
        return client.run(WorkersAiCall.of(model, input, ResponseDecoders.chatText()))
                .map(result -> nonEmpty(PromptCleaner.clean(result.value()), model));
    }

    /** An answer with nothing left after cleaning is as good as none: the next provider should try. */
    static String nonEmpty(String prompt, String model) {
        if (prompt.isEmpty()) {
            throw new MalformedResponseException(model + " answered no prompt", 502, null, null);
        }
        return prompt;
    }
}

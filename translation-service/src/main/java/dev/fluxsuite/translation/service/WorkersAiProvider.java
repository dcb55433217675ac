package dev.fluxsuite.translation.service;

import java.util.Map;
import java.util.Optional;

import dev.fluxsuite.workersai.MalformedResponseException;
import dev.fluxsuite.workersai.ResponseDecoder;
import dev.fluxsuite.workersai.client.WorkersAiCall;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.pool.AccountPool;
import io.smallrye.mutiny.Uni;

/** A provider that runs a Workers AI model over the account pool; usable while some account is. */
abstract class WorkersAiProvider implements TranslationProvider {

    private final WorkersAiClient client;
    private final AccountPool pool;
    private final String model;

    WorkersAiProvider(WorkersAiClient client, AccountPool pool, String model) {
        this.client = client;
        this.pool = pool;
        this.model = model;
    }

    /** The model's input for a task. */
    abstract Map<String, Object> input(TranslationTask task);

    /** Reads the text out of the model's answer. */
    abstract ResponseDecoder<String> decoder();

    @Override
    public String model() {
        return model;
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!pool.configured()) {
            return Optional.of("CF_ACCOUNT_LIST is not set");
        }
        return pool.anyAvailable() ? Optional.empty() : Optional.of("every Cloudflare account is out for now");
    }

    @Override
    public Uni<String> translate(TranslationTask task) {
        return client.run(WorkersAiCall.of(model, input(task), decoder()))
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

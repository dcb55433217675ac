package dev.fluxsuite.translation.service;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.ResponseDecoder;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.pool.AccountPool;

/** A Workers AI chat model ({@code CF_TRANSLATE_MODEL}) that translates and, when asked, enhances. */
@Singleton
public class WorkersAiChatProvider extends WorkersAiProvider {

    /** Plenty for a 2048-character prompt; short answers keep the neurons spent low. */
    private static final int MAX_TOKENS = 768;

    WorkersAiChatProvider(WorkersAiClient client, AccountPool pool, TranslationConfig config) {
        super(client, pool, config.model());
    }

    @Override
    public String name() {
        return "workers-ai";
    }

    @Override
    public boolean canEnhance() {
        return true;
    }

    @Override
    Map<String, Object> input(TranslationTask task) {
        return Map.of("messages", TranslationPrompts.messages(task), "max_tokens", MAX_TOKENS, "temperature", 0.2);
    }

    @Override
    ResponseDecoder<String> decoder() {
        return ResponseDecoders.chatText();
    }
}

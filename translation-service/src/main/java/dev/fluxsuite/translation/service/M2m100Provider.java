package dev.fluxsuite.translation.service;

import java.util.Map;

import jakarta.inject.Singleton;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.ResponseDecoder;
import dev.fluxsuite.workersai.ResponseDecoders;
import dev.fluxsuite.workersai.client.WorkersAiClient;
import dev.fluxsuite.workersai.pool.AccountPool;

/**
 * Workers AI's m2m100-1.2b: plain translation, cheap, with the detected language as {@code source_lang} (its
 * default is English, which would make it return Chinese unchanged). It cannot enhance.
 */
@Singleton
public class M2m100Provider extends WorkersAiProvider {

    M2m100Provider(WorkersAiClient client, AccountPool pool, TranslationConfig config) {
        super(client, pool, config.m2m100Model());
    }

    @Override
    public String name() {
        return "m2m100";
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
    Map<String, Object> input(TranslationTask task) {
        return Map.of("text", task.text(), "source_lang", task.source(), "target_lang", task.target());
    }

    @Override
    ResponseDecoder<String> decoder() {
        return ResponseDecoders.translatedText();
    }
}

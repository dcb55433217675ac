package dev.fluxsuite.translation.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.fluxsuite.translation.TranslationRequest;
import dev.fluxsuite.translation.TranslationResponse;
import dev.fluxsuite.translation.config.TranslationConfig;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Turns a prompt in any language into an image prompt. Nothing is called when nothing needs doing (text already
 * in the target language and no enhancement, or translation switched off). Otherwise the provider chain works,
 * within one time limit for the whole request; when it cannot, the original text comes back with
 * {@code fallback: true} and the reason. An upstream failure never fails the request.
 */
@ApplicationScoped
public class TranslationService {

    private final ProviderChain chain;
    private final boolean enabled;

    TranslationService(ProviderChain chain, TranslationConfig config) {
        this.chain = chain;
        this.enabled = config.enabled();
    }

    /** The time limit is tuned with {@code quarkus.fault-tolerance."…TranslationService/translate".timeout.value} (ms). */
    @AsynchronousNonBlocking
    @Timeout(12_000)
    @Fallback(fallbackMethod = "original")
    public Uni<TranslationResponse> translate(TranslationRequest request) {
        String text = request.text().strip();
        String source = LanguageDetector.detect(text);
        String target = request.target();
        boolean nothingToDo = !request.enhanced()
                && (source.equals(target) || source.equals(LanguageDetector.UNDETERMINED));
        if (!enabled || nothingToDo) {
            return Uni.createFrom().item(new TranslationResponse(request.text(), text, source, target, "none", null,
                    false, false, false, null));
        }
        return chain.translate(new TranslationTask(text, source, target, request.enhanced()))
                .map(result -> new TranslationResponse(request.text(), result.text(), source, target,
                        result.provider().name(), result.provider().model(),
                        request.enhanced() && result.provider().canEnhance(), result.cached(), false, null));
    }

    Uni<TranslationResponse> original(TranslationRequest request, Throwable cause) {
        String reason = cause instanceof TimeoutException ? "no provider answered in time" : cause.getMessage();
        Log.warnf("Translation fell back to the original text: %s", reason);
        return Uni.createFrom().item(new TranslationResponse(request.text(), request.text().strip(),
                LanguageDetector.detect(request.text()), request.target(), "none", null, false, false, true, reason));
    }
}

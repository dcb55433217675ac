package dev.fluxsuite.translation.service;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.workersai.client.RetryableFailure;
import dev.fluxsuite.workersai.client.UpstreamGuards;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The providers in their configured order, each behind its own guard (a circuit breaker and a time limit;
 * the external API also retries what is retryable, as the Workers AI client does for the other two). A task
 * goes to the first provider that can take it; on failure the next one tries. Each provider's results are
 * cached by provider, model, enhancement, languages and text, here and, with Redis, for every replica, so that a
 * repeated prompt costs no call.
 */
@ApplicationScoped
@Startup // made at start, so that a TRANSLATION_PROVIDERS naming no provider stops the start
public class ProviderChain {

    private static final TypeLiteral<Uni<String>> GUARDED = new TypeLiteral<>() {
    };

    /** The outcome: the prompt, who made it, and whether it came from the cache. */
    public record Result(String text, TranslationProvider provider, boolean cached) {
    }

    private final List<TranslationProvider> providers;
    private final Map<String, TypedGuard<Uni<String>>> guards = new LinkedHashMap<>();
    private final CaffeineCache cache;
    private final SharedTranslations shared;

    ProviderChain(WorkersAiChatProvider workersAi, M2m100Provider m2m100, ExternalChatProvider external,
            TranslationConfig config, @CacheName("translations") Cache cache, SharedTranslations shared) {
        Map<String, TranslationProvider> byName = Map.of(workersAi.name(), workersAi, m2m100.name(), m2m100,
                external.name(), external);
        List<String> order = config.providers().orElse(config.external().enabled()
                ? List.of("external", "workers-ai", "m2m100")
                : List.of("workers-ai", "m2m100"));
        List<TranslationProvider> ordered = new ArrayList<>();
        for (String name : order) {
            TranslationProvider provider = byName.get(name.strip());
            if (provider == null) {
                throw new IllegalArgumentException("TRANSLATION_PROVIDERS: '" + name.strip()
                        + "' is not a provider; use workers-ai, m2m100 and external");
            }
            ordered.add(provider);
        }
        this.providers = List.copyOf(ordered);
        UpstreamGuards.BreakerSettings breaker = new UpstreamGuards.BreakerSettings(config.breaker().requestVolume(),
                config.breaker().failureRatio(), config.breaker().delay());
        guards.put(workersAi.name(), guard(workersAi, breaker, config.timeout().workersAi()).build());
        guards.put(m2m100.name(), guard(m2m100, breaker, config.timeout().m2m100()).build());
        guards.put(external.name(), guard(external, breaker, config.timeout().external())
                .withRetry().maxRetries(config.external().maxRetries()).delay(200, ChronoUnit.MILLIS)
                .whenException(new RetryableFailure()).done()
                .build());
        this.cache = cache.as(CaffeineCache.class);
        this.shared = shared;
    }

    private static TypedGuard.Builder<Uni<String>> guard(TranslationProvider provider,
            UpstreamGuards.BreakerSettings breaker, Duration timeout) {
        return UpstreamGuards.breakerAndTimeout(GUARDED, breakerName(provider.name()), breaker, timeout);
    }

    /** The name of a provider's circuit breaker, for {@code CircuitBreakerMaintenance}. */
    public static String breakerName(String provider) {
        return "translation-provider:" + provider;
    }

    public List<TranslationProvider> providers() {
        return providers;
    }

    /**
     * @throws AllProvidersFailedException (as a failed Uni) when no provider could do it, with each one's reason
     */
    public Uni<Result> translate(TranslationTask task) {
        return attempt(task, 0, new ArrayList<>());
    }

    private Uni<Result> attempt(TranslationTask task, int index, List<String> reasons) {
        if (index == providers.size()) {
            return Uni.createFrom().failure(new AllProvidersFailedException(reasons));
        }
        TranslationProvider provider = providers.get(index);
        String unavailable = provider.unavailableReason().orElse(null);
        if (unavailable != null || !provider.accepts(task)) {
            reasons.add(provider.name() + ": " + (unavailable != null ? unavailable : "cannot do this task"));
            return attempt(task, index + 1, reasons);
        }
        return cached(provider, task).onFailure().recoverWithUni(failure -> {
            String reason = provider.redact(failure.getMessage());
            Log.warnf("Translation provider %s failed, trying the next: %s", provider.name(), reason);
            reasons.add(provider.name() + ": " + reason);
            return attempt(task, index + 1, reasons);
        });
    }

    /** This replica's cache first, then the one the replicas share; a translation made here goes into both. */
    private Uni<Result> cached(TranslationProvider provider, TranslationTask task) {
        String key = String.join("\u0000", provider.name(), provider.model(), Boolean.toString(task.enhance()),
                task.source(), task.target(), task.text());
        CompletableFuture<String> hit = cache.getIfPresent(key);
        if (hit != null) {
            return Uni.createFrom().completionStage(hit).map(text -> new Result(text, provider, true));
        }
        return shared.find(key).chain(found -> {
            if (found != null) {
                cache.put(key, CompletableFuture.completedFuture(found));
                return Uni.createFrom().item(new Result(found, provider, true));
            }
            return cache.<String, String> getAsync(key, k -> guards.get(provider.name()).get(() -> provider.translate(task))
                    .invoke(text -> shared.keep(key, text)))
                    .map(text -> new Result(text, provider, false));
        });
    }
}

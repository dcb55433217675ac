package dev.fluxsuite.translation.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.fluxsuite.translation.config.TranslationConfig;
import dev.fluxsuite.translation.service.ProviderChain;
import dev.fluxsuite.translation.service.TranslationProvider;

/** Ready when translation is off or at least one provider can be used; each provider says why it cannot. */
@Readiness
@ApplicationScoped
public class ProvidersCheck implements HealthCheck {

    private final ProviderChain chain;
    private final boolean enabled;

    ProvidersCheck(ProviderChain chain, TranslationConfig config) {
        this.chain = chain;
        this.enabled = config.enabled();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Translation providers");
        if (!enabled) {
            return response.up().withData("translation", "off (CF_IS_TRANSLATE=false): prompts pass through").build();
        }
        boolean usable = false;
        for (TranslationProvider provider : chain.providers()) {
            String reason = provider.unavailableReason().orElse(null);
            usable |= reason == null;
            response.withData(provider.name(), reason == null ? "usable, " + provider.model() : "not usable: " + reason);
        }
        return response.status(usable).build();
    }
}

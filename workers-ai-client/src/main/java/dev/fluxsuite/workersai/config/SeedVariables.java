package dev.fluxsuite.workersai.config;

import java.util.Map;

import io.smallrye.config.RelocateConfigSourceInterceptor;

/**
 * Lets the seed's environment variables set the services' properties, so that a {@code wrangler.toml}
 * {@code [vars]} block moves over unchanged: {@code CF_TRANSLATE_MODEL} sets {@code translation.model}, and so on.
 * The seed's name wins over the property when both are set in sources of the same weight; a property's
 * {@code @WithDefault} applies when neither is. ({@code CF_ACCOUNT_LIST} and {@code CF_API_BASE_URL} need no
 * help: they are the environment form of {@code cf.account-list} and {@code cf.api-base-url}.)
 */
public class SeedVariables extends RelocateConfigSourceInterceptor {

    /** Each property and the seed's variable that sets it. */
    public static final Map<String, String> NAMES = Map.of(
            "translation.enabled", "CF_IS_TRANSLATE",
            "translation.model", "CF_TRANSLATE_MODEL",
            "translation.external.enabled", "USE_EXTERNAL_API",
            "translation.external.url", "EXTERNAL_API",
            "translation.external.model", "EXTERNAL_MODEL",
            "translation.external.api-key", "EXTERNAL_API_KEY",
            "image.customer-model-map", "CUSTOMER_MODEL_MAP",
            "image.flux-num-steps", "FLUX_NUM_STEPS");

    public SeedVariables() {
        super(NAMES);
    }
}

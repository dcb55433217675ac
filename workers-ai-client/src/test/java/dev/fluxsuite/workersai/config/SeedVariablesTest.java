package dev.fluxsuite.workersai.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class SeedVariablesTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withInterceptors(new SeedVariables())
                .withSources(new PropertiesConfigSource(values, "test", 300)).build();
    }

    @Test
    void theSeedsNamesSetTheProperties() {
        SmallRyeConfig config = config(Map.of("CF_TRANSLATE_MODEL", "@cf/qwen/qwen1.5-14b-chat-awq", "CF_IS_TRANSLATE", "false",
                "CUSTOMER_MODEL_MAP", "{\"a\":\"@cf/black-forest-labs/flux-1-schnell\"}"));

        assertThat(config.getValue("translation.model", String.class)).isEqualTo("@cf/qwen/qwen1.5-14b-chat-awq");
        assertThat(config.getValue("translation.enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("image.customer-model-map", String.class)).contains("flux-1-schnell");
    }

    @Test
    void thePropertyStillWorksWithoutTheSeedsName() {
        SmallRyeConfig config = config(Map.of("translation.model", "@cf/meta/llama-3.3-70b-instruct-fp8-fast"));

        assertThat(config.getValue("translation.model", String.class)).isEqualTo("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
        assertThat(config.getOptionalValue("translation.external.api-key", String.class)).isEmpty();
    }
}

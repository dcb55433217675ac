package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fluxsuite.testsupport.ServiceProcess;

/**
 * A setting a service cannot work with stops its start, with a message that names the variable and what it takes,
 * rather than a service that reports ready and answers 500 to every call that needs the setting, and never with a
 * password a URL carries. Each case starts the built service with an otherwise working environment.
 */
class BadSettingsStopTheStartIT {

    private static final String ACCOUNTS = "[{\"account_id\":\"a\",\"token\":\"t\"}]";

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            image-service       | FLUX_NUM_STEPS          | 9                    | FLUX_NUM_STEPS must be between 1 and 8, not 9
            image-service       | CUSTOMER_MODEL_MAP      | `{"x":"@cf/nope"}`   | CUSTOMER_MODEL_MAP: 'x' maps to "@cf/nope", which is not a text-to-image model this service can call
            image-service       | IMAGE_FALLBACK_MODELS   | a=b                  | IMAGE_FALLBACK_MODELS: 'a=b' must be asked=instead
            image-service       | CF_API_BASE_URL         | api.cloudflare.com   | CF_API_BASE_URL must start with http:// or https://
            translation-service | TRANSLATION_PROVIDERS   | bogus                | TRANSLATION_PROVIDERS: 'bogus' is not a provider; use workers-ai, m2m100 and external
            translation-service | CF_API_BASE_URL         | ftp://x              | CF_API_BASE_URL must start with http:// or https://
            gateway-service     | IMAGE_SERVICE_URL       | ftp://image-service  | IMAGE_SERVICE_URL must be http://host[:port] or https://host[:port], not 'ftp://image-service'
            gateway-service     | TRANSLATION_SERVICE_URL | http://a b           | TRANSLATION_SERVICE_URL is not a URL
            gateway-service     | IMAGE_SERVICE_URL       | ftp://svc:s3cret@image-service | not 'ftp://***@image-service'
            gateway-service     | TRANSLATION_SERVICE_URL | http://svc:s3cret@a b | TRANSLATION_SERVICE_URL is not a URL: Illegal character in authority at index
            image-service       | CF_API_BASE_URL         | https://t:s3cret@a b/client/v4 | CF_API_BASE_URL is not a URL: Illegal character in authority at index
            gateway-service     | GATEWAY_MAX_IMAGES_HELD | 0                    | GATEWAY_MAX_IMAGES_HELD must be at least 1, not 0
            """)
    void aBadSettingStopsTheStartWithWhatToFix(String service, String variable, String value, String message) {
        Map<String, String> working = service.equals("gateway-service") ? Map.of("API_KEY", "a-key")
                : Map.of("CF_ACCOUNT_LIST", ACCOUNTS);
        Map<String, String> environment = new HashMap<>(working);
        environment.put(variable, value);

        ServiceProcess.Refusal refusal = ServiceProcess.refusal(service, environment);

        assertThat(refusal.exitCode()).isNotZero();
        assertThat(refusal.output()).contains(message).doesNotContain("s3cret");
    }
}

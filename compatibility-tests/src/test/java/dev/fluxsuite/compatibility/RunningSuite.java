package dev.fluxsuite.compatibility;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.fluxsuite.testsupport.ServiceProcess;
import dev.fluxsuite.testsupport.SuiteTestResource;

/**
 * The whole suite from its built artifacts on the emulator, started once for every test class that uses it and
 * stopped when they are all done. Clients that hard-code OpenAI's model names reach Workers AI models through
 * {@code CUSTOMER_MODEL_MAP}, as the README shows.
 */
public class RunningSuite implements BeforeAllCallback {

    /** The gateway's key. */
    public static final String KEY = "compatibility-key-0c4e";

    static final String MODEL_MAP = "{\"FLUX.1-Schnell-CF\":\"@cf/black-forest-labs/flux-1-schnell\","
            + "\"SD-XL-Lightning-CF\":\"@cf/bytedance/stable-diffusion-xl-lightning\","
            + "\"dall-e-3\":\"@cf/black-forest-labs/flux-1-schnell\","
            + "\"gpt-image-1\":\"@cf/bytedance/stable-diffusion-xl-lightning\"}";

    private static Processes processes;

    /** Where the gateway is, once a test class that uses this has started. */
    public static String gateway() {
        return processes.gateway().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Processes.class, type -> {
            processes = Processes.start();
            return processes;
        }, Processes.class);
    }

    /** The four processes, stopped when the last test class is done. */
    record Processes(List<ServiceProcess> all) implements ExtensionContext.Store.CloseableResource {

        static Processes start() {
            String accounts = SuiteTestResource.accounts(2);
            ServiceProcess emulator = ServiceProcess.start("workers-ai-emulator", "compatibility-emulator",
                    Map.of("EMULATOR_ACCOUNTS", accounts));
            Map<String, String> upstream = Map.of("CF_ACCOUNT_LIST", accounts,
                    "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4");
            ServiceProcess translation = ServiceProcess.start("translation-service", "compatibility-translation", upstream);
            ServiceProcess image = ServiceProcess.start("image-service", "compatibility-image",
                    Map.of("CF_ACCOUNT_LIST", accounts, "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4",
                            "CUSTOMER_MODEL_MAP", MODEL_MAP));
            ServiceProcess gateway = ServiceProcess.start("gateway-service", "compatibility-gateway", Map.of("API_KEY", KEY,
                    "TRANSLATION_SERVICE_URL", translation.baseUrl(), "IMAGE_SERVICE_URL", image.baseUrl()));
            return new Processes(List.of(gateway, image, translation, emulator));
        }

        ServiceProcess gateway() {
            return all.get(0);
        }

        @Override
        public void close() {
            all.forEach(ServiceProcess::close);
        }
    }
}

package dev.fluxsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the built emulator, translation-service and image-service as processes, wired together as in production
 * with two Cloudflare accounts, and points the gateway under test at them with two API keys.
 */
public class SuiteTestResource implements QuarkusTestResourceLifecycleManager {

    /** The gateway's keys in these tests. */
    public static final String API_KEYS = "suite-key-1,suite-key-2";

    private ServiceProcess emulator;
    private ServiceProcess translation;
    private ServiceProcess image;

    @Override
    public Map<String, String> start() {
        emulator = ServiceProcess.start("workers-ai-emulator", Map.of("EMULATOR_ACCOUNTS", EmulatorTestResource.ACCOUNTS,
                "EMULATOR_TIMEOUT_HOLD", "30s"));
        Map<String, String> upstream = Map.of("CF_ACCOUNT_LIST", EmulatorTestResource.ACCOUNTS,
                "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4");
        translation = ServiceProcess.start("translation-service", upstream);
        image = ServiceProcess.start("image-service", upstream);
        return Map.of("gateway.translation-service-url", translation.baseUrl(), "gateway.image-service-url", image.baseUrl(),
                "gateway.api-keys", API_KEYS);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new SuiteControl(new EmulatorControl(emulator.baseUrl()), translation, image),
                new TestInjector.AnnotatedAndMatchesType(InjectSuite.class, SuiteControl.class));
    }

    @Override
    public void stop() {
        for (ServiceProcess service : new ServiceProcess[] {image, translation, emulator}) {
            if (service != null) {
                service.close();
            }
        }
    }
}

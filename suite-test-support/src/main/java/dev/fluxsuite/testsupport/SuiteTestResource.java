package dev.fluxsuite.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the built emulator, translation-service and image-service as processes, wired together as in production
 * with two Cloudflare accounts, and points the gateway under test at them with two API keys.
 * <p>
 * Arguments ({@code @ResourceArg}) adjust it: {@code accounts} sets how many accounts there are
 * ({@code test-account-N} with {@code test-token-N}); {@code emulator.NAME}, {@code translation-service.NAME} and
 * {@code image-service.NAME} set the environment variable {@code NAME} of that process; any other argument is a
 * setting of the gateway under test.
 */
public class SuiteTestResource implements QuarkusTestResourceLifecycleManager {

    /** The gateway's keys in these tests. */
    public static final String API_KEYS = "suite-key-1,suite-key-2";

    private static final String[] MODULES = { "emulator", "translation-service", "image-service" };

    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Map<String, String> gateway = new HashMap<>();
    private String accounts = accounts(2);
    private ServiceProcess emulator;
    private ServiceProcess translation;
    private ServiceProcess image;

    @Override
    public void init(Map<String, String> args) {
        for (String module : MODULES) {
            environments.put(module, new HashMap<>());
        }
        args.forEach((name, value) -> {
            if (name.equals("accounts")) {
                accounts = accounts(Integer.parseInt(value));
                return;
            }
            int dot = name.indexOf('.');
            Map<String, String> environment = dot < 0 ? null : environments.get(name.substring(0, dot));
            if (environment != null) {
                environment.put(name.substring(dot + 1), value);
            } else {
                gateway.put(name, value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        emulator = ServiceProcess.start("workers-ai-emulator", environment("emulator",
                Map.of("EMULATOR_ACCOUNTS", accounts, "EMULATOR_TIMEOUT_HOLD", "30s")));
        Map<String, String> upstream = Map.of("CF_ACCOUNT_LIST", accounts,
                "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4");
        translation = ServiceProcess.start("translation-service", environment("translation-service", upstream));
        image = ServiceProcess.start("image-service", environment("image-service", upstream));
        Map<String, String> config = new HashMap<>(gateway);
        config.put("gateway.translation-service-url", translation.baseUrl());
        config.put("gateway.image-service-url", image.baseUrl());
        config.putIfAbsent("gateway.api-keys", API_KEYS);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new SuiteControl(new EmulatorControl(emulator.baseUrl()), translation, image),
                new TestInjector.AnnotatedAndMatchesType(InjectSuite.class, SuiteControl.class));
    }

    @Override
    public void stop() {
        for (ServiceProcess service : new ServiceProcess[] { image, translation, emulator }) {
            if (service != null) {
                service.close();
            }
        }
    }

    /** {@code count} accounts as {@code CF_ACCOUNT_LIST} JSON. */
    public static String accounts(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"account_id\":\"test-account-" + i + "\",\"token\":\"test-token-" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private Map<String, String> environment(String module, Map<String, String> defaults) {
        Map<String, String> environment = new HashMap<>(defaults);
        environment.putAll(environments.getOrDefault(module, Map.of()));
        return environment;
    }
}

package dev.fluxsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the built workers-ai-emulator as a process with two accounts and points the service under test at
 * it ({@code cf.api-base-url}, {@code cf.account-list}).
 */
public class EmulatorTestResource implements QuarkusTestResourceLifecycleManager {

    /** Two accounts, as the emulator and the service under test both see them. */
    public static final String ACCOUNTS = SuiteTestResource.accounts(2);

    private ServiceProcess emulator;

    @Override
    public Map<String, String> start() {
        emulator = ServiceProcess.start("workers-ai-emulator", Map.of("EMULATOR_ACCOUNTS", ACCOUNTS,
                "EMULATOR_TIMEOUT_HOLD", "30s"));
        return Map.of("cf.api-base-url", emulator.baseUrl() + "/client/v4", "cf.account-list", ACCOUNTS);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new EmulatorControl(emulator.baseUrl()),
                new TestInjector.AnnotatedAndMatchesType(InjectEmulator.class, EmulatorControl.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}

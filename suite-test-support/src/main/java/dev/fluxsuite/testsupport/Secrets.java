package dev.fluxsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Searches answers and log files for the keys and tokens a test used; any occurrence is a leak. */
public final class Secrets {

    /** The gateway's keys and the accounts' tokens of {@link SuiteTestResource}. */
    public static final List<String> SUITE = List.of("suite-key-1", "suite-key-2", "test-token-1", "test-token-2",
            "test-token-3");

    /** The log files of the gateway under test and the three processes of {@link SuiteTestResource}. */
    public static final List<Path> SUITE_LOGS = List.of(Path.of("target", "quarkus.log"),
            Path.of("target", "workers-ai-emulator.log"), Path.of("target", "translation-service.log"),
            Path.of("target", "image-service.log"));

    private Secrets() {
    }

    /**
     * Where any of {@code secrets} occurs, as "where: secret number" lines (not the secret itself); empty when nowhere.
     *
     * @param answers what the services answered, headers included
     * @param logs log files, each of which must exist
     */
    public static List<String> leaks(List<String> secrets, Collection<String> answers, Collection<Path> logs) {
        List<String> leaks = new ArrayList<>();
        int n = 0;
        for (String answer : answers) {
            n++;
            leaks.addAll(found(secrets, answer, "answer " + n));
        }
        for (Path log : logs) {
            String text;
            try {
                text = Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log + " to search it", e);
            }
            leaks.addAll(found(secrets, text, log.toString()));
        }
        return leaks;
    }

    private static List<String> found(List<String> secrets, String text, String where) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            if (text.contains(secrets.get(i))) {
                found.add(where + ": secret " + (i + 1));
            }
        }
        return found;
    }
}

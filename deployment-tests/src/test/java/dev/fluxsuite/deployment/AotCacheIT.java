package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's trained AOT cache, as its container image has it: the build's {@code target/quarkus-app} copied
 * elsewhere with its files' times (as {@code COPY} keeps them), started with its Dockerfile's JVM options and the cache
 * made mandatory ({@code -XX:AOTMode=on}), so that a cache the JVM would refuse fails here instead of a pod starting
 * slow without it. On a JDK older than 25 the build makes none, and this test is skipped.
 */
class AotCacheIT {

    private static final Pattern JAVA_OPTS = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"");

    /** Settings that let each service start on its own; nothing is called. */
    private static final Map<String, String> ENVIRONMENT = Map.of("API_KEY", "a-key", "CF_ACCOUNT_LIST",
            "[{\"account_id\":\"a\",\"token\":\"t\"}]", "EMULATOR_ACCOUNTS", "[{\"account_id\":\"a\",\"token\":\"t\"}]",
            "QUARKUS_HTTP_PORT", "0");

    @TempDir
    Path deployments;

    @ParameterizedTest
    @ValueSource(strings = { "workers-ai-emulator", "translation-service", "image-service", "gateway-service" })
    void startsOnItsTrainedCacheWithItsImagesOptions(String service) throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches are made on JDK 25 and later");
        Path app = ServiceFacts.ROOT.resolve(service).resolve("target/quarkus-app");
        assertThat(app.resolve("app.aot")).as("the AOT cache the integration tests of " + service + " train").exists();
        copyWithTimes(app, deployments);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:AOTMode=on", "-XX:AOTCache=app.aot", "-XX:MaxRAM=768m"));
        command.addAll(List.of(javaOptions(service).split(" ")));
        command.addAll(List.of("-jar", "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(deployments.toFile()).redirectErrorStream(true)
                .redirectOutput(deployments.resolve("output.log").toFile());
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        try {
            String output = awaitStarted(process, deployments.resolve("output.log"), Duration.ofSeconds(60));
            assertThat(output).as("the JVM's own words on the cache").doesNotContain("[aot]");
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The JVM options the service's {@code Dockerfile.jvm} runs it with. */
    private static String javaOptions(String service) throws IOException {
        String dockerfile = Files.readString(ServiceFacts.ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
        Matcher options = JAVA_OPTS.matcher(dockerfile);
        assertThat(options.find()).as("ENV JAVA_OPTS in the Dockerfile of " + service).isTrue();
        return options.group(1);
    }

    private static String awaitStarted(Process process, Path log, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains("started in")) {
                return output;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + " before it started:\n" + output);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not started within " + limit + ":\n" + Files.readString(log));
    }

    private static void copyWithTimes(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

package dev.fluxsuite.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the suite's services, started from its built artifact ({@code <module>/target/quarkus-app/quarkus-run.jar})
 * as a separate process on a free port, the way it runs in production. Its output goes to
 * {@code target/<module>.log} of the module under test.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final String module;
    private final int port;
    private final Process process;

    private ServiceProcess(String module, int port, Process process) {
        this.module = module;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code module} with the given environment and waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException when the module has not been built or does not become ready
     */
    public static ServiceProcess start(String module, Map<String, String> environment) {
        Path jar = moduleDirectory(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -pl " + module + ")");
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.console.color=false", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/" + module + ".log"));
        builder.environment().putAll(environment);
        try {
            ServiceProcess service = new ServiceProcess(module, port, builder.start());
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see target/" + module + ".log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(module + " was not ready within " + READY_WITHIN + "; see target/" + module + ".log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's folder, a sibling of the module whose tests run (Surefire runs them in the module's folder). */
    private static Path moduleDirectory(String module) {
        Path here = Path.of("").toAbsolutePath();
        Path sibling = here.resolveSibling(module);
        return Files.isDirectory(sibling) ? sibling : here.resolve(module);
    }
}

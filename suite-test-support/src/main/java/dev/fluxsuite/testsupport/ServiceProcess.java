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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One of the suite's services, started from its built artifact ({@code <module>/target/quarkus-app/quarkus-run.jar})
 * as a separate process on a free port, the way it runs in production. It can be stopped and started again on
 * the same port, as an outage would. Its output goes to {@code target/<module>.log} of the module under test.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final String module;
    private final String name;
    private final Map<String, String> environment;
    private final int port;
    private final Path jar;
    private Process process;

    private ServiceProcess(String module, String name, Map<String, String> environment) {
        this.module = module;
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.port = freePort();
        this.jar = moduleDirectory(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -pl " + module + ")");
        }
    }

    /**
     * Starts {@code module} with the given environment and waits until {@code /q/health/ready} answers 200.
     *
     * @throws IllegalStateException when the module has not been built or does not become ready
     */
    public static ServiceProcess start(String module, Map<String, String> environment) {
        return start(module, module, environment);
    }

    /**
     * Starts one of several replicas of {@code module}, named {@code name} (its log is {@code target/<name>.log}), and
     * waits until it is ready.
     */
    public static ServiceProcess start(String module, String name, Map<String, String> environment) {
        ServiceProcess service = new ServiceProcess(module, name, environment);
        service.start();
        return service;
    }

    /** What a service printed as it refused to start, and its exit code. */
    public record Refusal(int exitCode, String output) {
    }

    /**
     * Starts {@code module} with a setting it must refuse, and waits for it to stop on its own.
     *
     * @throws IllegalStateException when it becomes ready instead, or is still running after a minute
     */
    public static Refusal refusal(String module, Map<String, String> environment) {
        ServiceProcess service = new ServiceProcess(module, module, environment);
        File log = new File("target/" + module + "-refused.log");
        service.launch(ProcessBuilder.Redirect.to(log));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready")).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        try {
            while (!service.process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline || answersReady(http, ready)) {
                    service.stop();
                    throw new IllegalStateException(module + " started with " + environment.keySet()
                            + " instead of refusing to; see " + log);
                }
            }
            return new Refusal(service.process.exitValue(), Files.readString(log.toPath()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.stop();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it (again), on its port, and waits until it is ready. */
    public synchronized void start() {
        launch(ProcessBuilder.Redirect.appendTo(log().toFile()));
        awaitReady();
    }

    /** Where its output goes, each start's after the one before. */
    public Path log() {
        return Path.of("target", name + ".log");
    }

    private void launch(ProcessBuilder.Redirect output) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.console.color=false", "-jar", jar.toString())).redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean answersReady(HttpClient http, HttpRequest ready) throws InterruptedException {
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    /**
     * Stops it at once, as a crash would. A service told to stop ({@link #terminate}) drains first, which under load
     * lasts until its shutdown timeout: nothing here takes it out of a load balancer.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Asks it to stop, as Kubernetes does (SIGTERM), and returns at once: what it does while it stops is for the
     * caller to watch. Completes once it has exited.
     */
    public synchronized CompletableFuture<Process> terminate() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException(module + " is not running");
        }
        process = null;
        running.destroy();
        return running.onExit();
    }

    /**
     * The sum of every series of a counter at {@code /q/metrics}, e.g. {@code workers_ai_calls_total}; 0 when it
     * has none yet.
     */
    public double counter(String name) {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/metrics")).build();
        String text;
        try {
            text = HttpClient.newHttpClient().send(metrics, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(module + " did not show its metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log());
            }
            try {
                if (answersReady(http, ready)) {
                    return;
                }
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
        stop();
        throw new IllegalStateException(name + " was not ready within " + READY_WITHIN + "; see " + log());
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

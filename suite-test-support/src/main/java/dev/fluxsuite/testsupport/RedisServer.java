package dev.fluxsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis (Debian's {@code redis-server}) on a free loopback port, with a password, no persistence and the
 * eviction policy the deployments set. It can be killed and started again on the same port, as an outage would.
 * {@code scripts/test.sh} installs {@code redis-server} where it is missing.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final int port;
    private final String password;
    private final Path log;
    private Process process;

    private RedisServer(String name, String password) {
        this.port = ServiceProcess.freePort();
        this.password = password;
        this.log = Path.of("target", name + ".log");
    }

    /** Starts one, logging to {@code target/<name>.log}, and waits until it answers. */
    public static RedisServer start(String name, String password) {
        RedisServer redis = new RedisServer(name, password);
        redis.start();
        return redis;
    }

    /** Starts it (again) on its port, empty, and waits until it answers. */
    public synchronized void start() {
        String binary = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "redis-server";
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "volatile-ttl",
                "--requirepass", password));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server did not start (apt-get install redis-server): " + e.getMessage(),
                    e);
        }
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (command("PING").equals("PONG")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server did not answer within " + READY_WITHIN + "; see " + log);
    }

    /** Kills it at once, as a crash would; what it held is gone. */
    public synchronized void kill() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** {@code QUARKUS_REDIS_HOSTS} for it, with the password in the URL. */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Sends one command with {@code redis-cli} and returns its answer as {@code redis-cli} prints it raw: one line per
     * element, empty for none.
     *
     * @throws UncheckedIOException when it does not answer
     */
    public String command(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--no-auth-warning", "--raw"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("REDISCLI_AUTH", password);
            Process cli = builder.start();
            String answer = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0 || answer.startsWith("Could not connect")) {
                throw new UncheckedIOException(new IOException("redis-cli " + args[0] + ": " + answer));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every key that starts with {@code prefix}. */
    public List<String> keys(String prefix) {
        String answer = command("KEYS", prefix + "*");
        return answer.isEmpty() ? List.of() : List.of(answer.split("\n"));
    }

    @Override
    public void close() {
        kill();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.fluxsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real round-robin balancer (Debian's nginx) in front of groups of replicas, one port per group, as a Kubernetes
 * Service spreads connections over its pods. A replica that refuses connections is passed over, as a Service drops
 * a dead pod from its endpoints. {@code scripts/test.sh} installs {@code nginx} where it is missing.
 */
public final class Balancer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(20);

    private final Path directory;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Process process;

    private Balancer(String name) {
        this.directory = Path.of("target", name).toAbsolutePath();
    }

    /**
     * Starts one that balances each group of replica ports on a port of its own; its config and logs are in
     * {@code target/<name>/}.
     */
    public static Balancer start(String name, Map<String, List<Integer>> groups) {
        Balancer balancer = new Balancer(name);
        groups.keySet().forEach(group -> balancer.ports.put(group, ServiceProcess.freePort()));
        balancer.launch(groups);
        return balancer;
    }

    /** Where the group's replicas are reached through the balancer. */
    public String url(String group) {
        return "http://127.0.0.1:" + ports.get(group);
    }

    /** Its access log: one line per request, with the replica ({@code upstream}) that answered it. */
    public Path accessLog() {
        return directory.resolve("access.log");
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void launch(Map<String, List<Integer>> groups) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("nginx.conf"), config(groups));
            String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
            process = new ProcessBuilder(nginx, "-p", directory.toString(), "-c", directory.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("nginx.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("nginx did not start (apt-get install nginx): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        for (int port : ports.values()) {
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx is not listening on " + port + "; see " + directory);
                }
                sleep();
            }
        }
    }

    private String config(Map<String, List<Integer>> groups) {
        StringBuilder http = new StringBuilder();
        groups.forEach((group, replicas) -> {
            http.append("  upstream ").append(group).append(" {\n");
            replicas.forEach(port -> http.append("    server 127.0.0.1:").append(port)
                    .append(" max_fails=1 fail_timeout=2s;\n"));
            http.append("  }\n  server {\n    listen 127.0.0.1:").append(ports.get(group))
                    .append(";\n    location / { proxy_pass http://").append(group).append("; }\n  }\n");
        });
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                worker_processes 1;
                error_log %1$s/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                  log_format replicas '$request $status upstream=$upstream_addr';
                  access_log %1$s/access.log replicas;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 4m;
                  client_body_buffer_size 4m;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_buffering off;
                  proxy_read_timeout 300s;
                %2$s}
                """.formatted(directory, http);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}

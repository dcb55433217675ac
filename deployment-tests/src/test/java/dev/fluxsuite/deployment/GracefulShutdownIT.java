package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.EmulatorControl;
import dev.fluxsuite.testsupport.Images;
import dev.fluxsuite.testsupport.ServiceProcess;

/**
 * A service told to stop (SIGTERM: a rolling update, a scale-down) answers the requests it has in flight before it
 * exits. Each case holds Workers AI's answers (the emulator's latency), stops the built service while a request waits
 * on it, and checks the request's answer and the service's log.
 */
class GracefulShutdownIT {

    private static final String ACCOUNTS = "[{\"account_id\":\"a\",\"token\":\"t\"}]";
    /** Long enough that the stop surely lands while the request waits, short enough for a quick test. */
    private static final long UPSTREAM_LATENCY_MS = 3_000;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private static ServiceProcess emulator;
    private static EmulatorControl control;
    private static Map<String, String> upstream;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startEmulator() {
        emulator = ServiceProcess.start("workers-ai-emulator", Map.of("EMULATOR_ACCOUNTS", ACCOUNTS));
        control = new EmulatorControl(emulator.baseUrl());
        upstream = Map.of("CF_ACCOUNT_LIST", ACCOUNTS, "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void holdEveryAnswer() {
        control.reset();
        control.fault("{\"mode\":\"none\",\"latencyMs\":" + UPSTREAM_LATENCY_MS + "}");
    }

    @AfterEach
    void answerAtOnce() {
        control.reset();
    }

    @Test
    void imageServiceFinishesWhatItHasInFlightAndSendsItsClientsElsewhere() throws Exception {
        ServiceProcess image = ServiceProcess.start("image-service", upstream);
        String body = "{\"prompt\":\"a cute cat\",\"model\":\"FLUX.1-Schnell-CF\"}";

        byte[] answer = answeredAcrossAStop(image, "/v1/images", body, () -> {
            // Sent once it is stopping: still answered, and a keep-alive client (the gateway's pool) is told to
            // reconnect, which through the Service reaches another pod. java.net.http hides the Connection header.
            HttpURLConnection late = (HttpURLConnection) URI.create(image.baseUrl() + "/v1/images").toURL()
                    .openConnection();
            late.setRequestMethod("POST");
            late.setRequestProperty("Content-Type", "application/json");
            late.setDoOutput(true);
            late.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            assertThat(late.getResponseCode()).isEqualTo(200);
            assertThat(late.getHeaderField("Connection")).isEqualTo("close");
            assertThat(Images.decode(late.getInputStream().readAllBytes()).getWidth()).isPositive();
        });

        assertThat(Images.decode(answer).getWidth()).isPositive();
    }

    @Test
    void translationServiceFinishesATranslationInFlightOnceStopped() throws Exception {
        ServiceProcess translation = ServiceProcess.start("translation-service", upstream);

        byte[] answer = answeredAcrossAStop(translation, "/v1/translations", "{\"text\":\"一只可爱的猫咪\"}", () -> {
        });

        assertThat(new String(answer, StandardCharsets.UTF_8)).contains("\"fallback\":false").contains("一只可爱的猫咪");
    }

    @Test
    void gatewayFinishesAnImageRequestInFlightOnceStopped() throws Exception {
        try (ServiceProcess translation = ServiceProcess.start("translation-service", upstream);
                ServiceProcess image = ServiceProcess.start("image-service", upstream)) {
            ServiceProcess gateway = ServiceProcess.start("gateway-service", Map.of("API_KEY", "a-key",
                    "TRANSLATION_SERVICE_URL", translation.baseUrl(), "IMAGE_SERVICE_URL", image.baseUrl()));

            byte[] answer = answeredAcrossAStop(gateway, "/api/image",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"a cute cat\"}],\"model\":\"FLUX.1-Schnell-CF\"}", () -> {
                    });

            assertThat(new String(answer, StandardCharsets.UTF_8)).contains("\"image\":\"");
        }
    }

    @Test
    void withAShutdownDelayItReportsNotReadyYetStillServes() throws Exception {
        control.reset();
        ServiceProcess image = ServiceProcess.start("image-service",
                Map.of("CF_ACCOUNT_LIST", ACCOUNTS, "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4",
                        "QUARKUS_SHUTDOWN_DELAY", "3s"));
        CompletableFuture<Process> exited = image.terminate();
        Thread.sleep(1_000);

        assertThat(get(image, "/q/health/ready").statusCode()).isEqualTo(503);
        HttpResponse<byte[]> served = post(image, "/v1/images", "{\"prompt\":\"a cute cat\",\"model\":\"FLUX.1-Schnell-CF\"}")
                .get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(exited).isNotDone();
        exited.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
    }

    private HttpResponse<byte[]> get(ServiceProcess service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private CompletableFuture<HttpResponse<byte[]>> post(ServiceProcess service, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer a-key")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Sends {@code json} to {@code path} of {@code service}, stops the service while the request waits on Workers AI,
     * runs {@code whileStopping}, and returns the request's answer, a 200, once the service has drained without an
     * error and exited.
     */
    private byte[] answeredAcrossAStop(ServiceProcess service, String path, String json, WhileStopping whileStopping)
            throws Exception {
        long logFrom = Files.size(service.log());
        CompletableFuture<HttpResponse<byte[]>> inFlight = post(service, path, json);
        Thread.sleep(UPSTREAM_LATENCY_MS / 3);
        CompletableFuture<Process> exited = service.terminate();
        Thread.sleep(UPSTREAM_LATENCY_MS / 3);
        whileStopping.run();

        HttpResponse<byte[]> answer = inFlight.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        exited.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        // Before services drained, the calls cut by a stop went unanswered, and under load translation-service logged
        // a NullPointerException for each: its stop had torn down context propagation under them.
        assertThat(logSince(service, logFrom)).contains("Waiting for HTTP requests to complete").doesNotContain("ERROR")
                .doesNotContain("Exception");
        return answer.body();
    }

    @FunctionalInterface
    private interface WhileStopping {
        void run() throws Exception;
    }

    private static String logSince(ServiceProcess service, long from) throws IOException {
        byte[] log = Files.readAllBytes(service.log());
        return new String(log, (int) from, log.length - (int) from, StandardCharsets.UTF_8);
    }
}

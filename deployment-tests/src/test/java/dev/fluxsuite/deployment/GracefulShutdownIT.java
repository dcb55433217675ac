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
        long logFrom = Files.size(image.log());
        String body = "{\"prompt\":\"a cute cat\",\"model\":\"FLUX.1-Schnell-CF\"}";
        CompletableFuture<HttpResponse<byte[]>> inFlight = post(image, "/v1/images", body);

        CompletableFuture<Process> exited = stopWhileWaiting(image);
        Thread.sleep(UPSTREAM_LATENCY_MS / 3);
        // Sent once it is stopping: still answered, and a keep-alive client (the gateway's pool) is told to
        // reconnect, which through the Service reaches another pod. java.net.http hides the Connection header.
        HttpURLConnection late = (HttpURLConnection) URI.create(image.baseUrl() + "/v1/images").toURL().openConnection();
        late.setRequestMethod("POST");
        late.setRequestProperty("Content-Type", "application/json");
        late.setDoOutput(true);
        late.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        assertThat(late.getResponseCode()).isEqualTo(200);
        assertThat(late.getHeaderField("Connection")).isEqualTo("close");
        assertThat(Images.decode(late.getInputStream().readAllBytes()).getWidth()).isPositive();

        HttpResponse<byte[]> answer = inFlight.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Images.decode(answer.body()).getWidth()).isPositive();
        exited.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(logSince(image, logFrom)).contains("Waiting for HTTP requests to complete").doesNotContain("ERROR");
    }

    @Test
    void translationServiceFinishesATranslationInFlightOnceStopped() throws Exception {
        ServiceProcess translation = ServiceProcess.start("translation-service", upstream);
        long logFrom = Files.size(translation.log());
        CompletableFuture<HttpResponse<byte[]>> inFlight = post(translation, "/v1/translations",
                "{\"text\":\"一只可爱的猫咪\"}");

        CompletableFuture<Process> exited = stopWhileWaiting(translation);

        HttpResponse<byte[]> answer = inFlight.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"fallback\":false")
                .contains("一只可爱的猫咪");
        exited.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        // Stopped under a call, it used to log a NullPointerException from context propagation, torn down first.
        assertThat(logSince(translation, logFrom)).contains("Waiting for HTTP requests to complete")
                .doesNotContain("ERROR").doesNotContain("Exception");
    }

    @Test
    void gatewayFinishesAnImageRequestInFlightOnceStopped() throws Exception {
        try (ServiceProcess translation = ServiceProcess.start("translation-service", upstream);
                ServiceProcess image = ServiceProcess.start("image-service", upstream)) {
            ServiceProcess gateway = ServiceProcess.start("gateway-service", Map.of("API_KEY", "a-key",
                    "TRANSLATION_SERVICE_URL", translation.baseUrl(), "IMAGE_SERVICE_URL", image.baseUrl()));
            long logFrom = Files.size(gateway.log());
            CompletableFuture<HttpResponse<byte[]>> inFlight = post(gateway, "/api/image",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"a cute cat\"}],\"model\":\"FLUX.1-Schnell-CF\"}");

            CompletableFuture<Process> exited = stopWhileWaiting(gateway);

            HttpResponse<byte[]> answer = inFlight.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"image\":\"");
            exited.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(logSince(gateway, logFrom)).contains("Waiting for HTTP requests to complete")
                    .doesNotContain("ERROR");
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

    /** Stops {@code service} once the request just sent waits on Workers AI, a third of the way through. */
    private static CompletableFuture<Process> stopWhileWaiting(ServiceProcess service) throws InterruptedException {
        Thread.sleep(UPSTREAM_LATENCY_MS / 3);
        return service.terminate();
    }

    private static String logSince(ServiceProcess service, long from) throws IOException {
        byte[] log = Files.readAllBytes(service.log());
        return new String(log, (int) from, log.length - (int) from, StandardCharsets.UTF_8);
    }
}

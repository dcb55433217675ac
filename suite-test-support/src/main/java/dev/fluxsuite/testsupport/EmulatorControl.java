package dev.fluxsuite.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Switches the running emulator's faults and reads its counters, through its {@code /emulator} API. */
public final class EmulatorControl {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    /** @param baseUrl where the emulator listens, e.g. {@link ServiceProcess#baseUrl()} */
    public EmulatorControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /emulator/faults} with the given JSON, e.g. {@code {"mode":"quota-exhausted"}}. */
    public void fault(String json) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), 200);
    }

    /** Clears every fault and counter. */
    public void reset() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/reset")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), 204);
    }

    /** {@code GET /emulator/stats} as JSON text. */
    public String stats() {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/stats")).build(), 200);
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

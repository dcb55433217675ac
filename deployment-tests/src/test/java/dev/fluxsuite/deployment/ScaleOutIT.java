package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.testsupport.Balancer;
import dev.fluxsuite.testsupport.EmulatorControl;
import dev.fluxsuite.testsupport.Images;
import dev.fluxsuite.testsupport.Load;
import dev.fluxsuite.testsupport.RedisServer;
import dev.fluxsuite.testsupport.Secrets;
import dev.fluxsuite.testsupport.ServiceProcess;
import dev.fluxsuite.testsupport.SuiteTestResource;

/**
 * The suite as {@code k8s/base} runs it: two replicas of every service, from the built artifacts, sharing one Redis,
 * behind round-robin balancers (nginx) in front of the gateways and in front of each service, on the emulator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String KEY = "scale-out-key-5d1c";
    private static final String BUDGET_KEY = "scale-out-budget-key-61e0";
    private static final String RATE_KEY = "scale-out-rate-key-0a7f";
    private static final String CONSUMERS = "[{\"name\":\"budgeted\",\"key\":\"" + BUDGET_KEY + "\",\"imagesPerDay\":4},"
            + "{\"name\":\"paced\",\"key\":\"" + RATE_KEY + "\",\"requestsPerMinute\":3}]";
    private static final String PASSWORD = "scale-out-redis-password-93b2";
    private static final String ACCOUNTS = SuiteTestResource.accounts(2);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LIGHTNING = "@cf/bytedance/stable-diffusion-xl-lightning";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[[^\\]]*]\\(([^)]+)\\)");

    private static RedisServer redis;
    private static ServiceProcess emulator;
    private static EmulatorControl control;
    private static final List<ServiceProcess> translations = new ArrayList<>();
    private static final List<ServiceProcess> images = new ArrayList<>();
    private static final List<ServiceProcess> gateways = new ArrayList<>();
    private static Balancer services;
    private static Balancer front;

    @BeforeAll
    static void startTheSuite() throws IOException {
        // The logs are read whole below: none of an earlier run's lines.
        try (Stream<Path> logs = Files.list(Path.of("target"))) {
            for (Path log : logs.filter(path -> path.getFileName().toString().matches("scale-out-.*\\.log")).toList()) {
                Files.delete(log);
            }
        }
        redis = RedisServer.start("scale-out-redis", PASSWORD);
        emulator = ServiceProcess.start("workers-ai-emulator", "scale-out-emulator", Map.of("EMULATOR_ACCOUNTS", ACCOUNTS));
        control = new EmulatorControl(emulator.baseUrl());
        for (int i = 1; i <= 2; i++) {
            translations.add(ServiceProcess.start("translation-service", "scale-out-translation-" + i, upstream()));
            images.add(ServiceProcess.start("image-service", "scale-out-image-" + i, upstream()));
        }
        services = Balancer.start("scale-out-services", Map.of(
                "translations", translations.stream().map(ServiceProcess::port).toList(),
                "images", images.stream().map(ServiceProcess::port).toList()));
        Map<String, String> gateway = with(shared(), Map.of("API_KEY", KEY, "API_CONSUMERS", CONSUMERS,
                "TRANSLATION_SERVICE_URL", services.url("translations"), "IMAGE_SERVICE_URL", services.url("images")));
        for (int i = 1; i <= 2; i++) {
            gateways.add(ServiceProcess.start("gateway-service", "scale-out-gateway-" + i, gateway));
        }
        front = Balancer.start("scale-out-front", Map.of("gateways", gateways.stream().map(ServiceProcess::port).toList()));
    }

    @AfterAll
    static void stopTheSuite() {
        Stream.of(front, services).filter(b -> b != null).forEach(Balancer::close);
        Stream.of(gateways, images, translations).flatMap(List::stream).forEach(ServiceProcess::close);
        if (emulator != null) {
            emulator.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void everyImageUrlMadeThroughTheBalancerIsServedThroughItAlsoAfterItsGatewayIsKilled() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            urls.add(i % 2 == 0 ? imageUrl(front.url("gateways"), "a lighthouse, take " + i)
                    : chatImageUrl(front.url("gateways"), "a harbour at dusk, take " + i));
        }
        assertThat(urls).allMatch(url -> url.startsWith(front.url("gateways") + "/images/"));
        assertThat(madeBy(gateways.get(0))).as("images made by gateway 1").isPositive();
        assertThat(madeBy(gateways.get(1))).as("images made by gateway 2").isPositive();
        assertEveryImageIsServed(urls);

        gateways.get(0).stop();
        assertEveryImageIsServed(urls);

        gateways.get(0).start();
        assertEveryImageIsServed(urls.stream().map(url -> url.replace(front.url("gateways"),
                gateways.get(0).baseUrl())).toList());
    }

    @Test
    @Order(2)
    void aPromptTranslatedByOneReplicaIsACacheHitOnTheOther() throws IOException {
        String text = "山顶上的一座古老寺庙 " + UUID.randomUUID();
        long before = requests();

        assertThat(translate(translations.get(0), text).path("cached").asBoolean()).isFalse();
        JsonNode second = translate(translations.get(1), text);

        assertThat(second.path("cached").asBoolean()).isTrue();
        assertThat(second.path("fallback").asBoolean()).isFalse();
        assertThat(requests() - before).as("calls to Workers AI for both translations").isEqualTo(1);
    }

    @Test
    @Order(3)
    void anAccountOutOfQuotaIsAskedOnceAcrossEveryReplica() throws IOException {
        control.reset();
        // Each answer of the other account takes a moment, as Workers AI's do: the next call of another replica comes
        // after the news, as in production, not within the same millisecond.
        control.fault("{\"mode\":\"none\",\"latencyMs\":30}");
        control.fault("{\"account\":\"test-account-2\",\"mode\":\"quota-exhausted\"}");

        for (int i = 0; i < 12; i++) {
            Load.Answer answer = Load.send(post(front.url("gateways") + "/api/image",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"河边的一棵柳树 " + i + "\"}]}"));
            assertThat(answer.status()).as("generation %d: %s", i, answer.body()).isEqualTo(200);
        }

        JsonNode account = JSON.readTree(control.stats()).path("accounts").path("test-account-2");
        assertThat(account.path("requests").asLong()).as("calls to the spent account: %s", account).isEqualTo(1);
        assertThat(account.path("outcomes").path("quota-exhausted").asLong()).isEqualTo(1);
        for (ServiceProcess image : images) {
            assertThat(get(image.baseUrl() + "/q/health/ready")).contains("\"account.1\"", "daily allocation used up");
        }
        assertThat(redis.keys("flux-suite:account:")).anyMatch(key -> key.endsWith(":QUOTA_EXHAUSTED"));

        try (ServiceProcess later = ServiceProcess.start("image-service", "scale-out-image-later", upstream())) {
            waitUntil(() -> get(later.baseUrl() + "/q/health/ready").contains("daily allocation used up"),
                    "a replica started later reads that the account is out");
        }
        assertThat(JSON.readTree(control.stats()).path("accounts").path("test-account-2").path("requests").asLong())
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void redisKilledDuringLoadFailsNoGenerationAndSharingResumesWithoutARestart() throws IOException {
        control.fault("{\"account\":\"test-account-1\",\"mode\":\"none\",\"latencyMs\":50}");
        List<Load.Answer> answers = Load.run(300, 16, i -> {
            if (i == 100) {
                redis.kill();
            } else if (i == 200) {
                redis.start();
            }
            return i % 3 == 0
                    ? post(front.url("gateways") + "/v1/images/generations",
                            "{\"prompt\":\"a kite over a field, take " + i + "\",\"model\":\"SD-XL-Lightning-CF\","
                                    + "\"size\":\"256x256\"}")
                    : post(front.url("gateways") + "/api/image", "{\"messages\":[{\"role\":\"user\",\"content\":\""
                            + (i % 3 == 1 ? "风中的风筝 " : "a kite in the wind ") + i + "\"}]}");
        });

        assertThat(answers).hasSize(300).allSatisfy(answer -> assertThat(answer.status())
                .as("request %d: %s", answer.index(), answer.body()).isEqualTo(200));

        for (ServiceProcess service : everyService()) {
            waitUntil(() -> get(service.baseUrl() + "/q/health/ready").contains("connected to redis://***@127.0.0.1"),
                    service.log() + " shares through Redis again");
        }
        // Images made once Redis was killed were kept by their gateway, and went to Redis once it answered: every one
        // is served anywhere. (Those Redis held went with it: it keeps nothing on disk.)
        List<String> made = answers.stream().filter(answer -> answer.index() >= 100 && answer.body().contains("\"url\""))
                .map(answer -> read(answer.body()).path("data").path(0).path("url").asText()).toList();
        assertThat(made).hasSize(66);
        waitUntil(() -> made.stream().allMatch(ScaleOutIT::served), "every image of the load is served through the balancer");
        String url = imageUrl(gateways.get(0).baseUrl(), "a kite after the storm");
        assertEveryImageIsServed(List.of(url.replace(gateways.get(0).baseUrl(), gateways.get(1).baseUrl())));
        String text = "暴风雨后的风筝 " + UUID.randomUUID();
        translate(translations.get(1), text);
        assertThat(translate(translations.get(0), text).path("cached").asBoolean()).isTrue();
        waitUntil(() -> redis.keys("flux-suite:account:").stream().anyMatch(key -> key.endsWith(":QUOTA_EXHAUSTED")),
                "the spent account's rest is in Redis again");
        control.fault("{\"account\":\"test-account-1\",\"model\":\"" + LIGHTNING + "\",\"mode\":\"rate-limit\","
                + "\"rateLimitPerMinute\":0}");
        Load.send(post(images.get(0).baseUrl() + "/v1/images", "{\"prompt\":\"a kite\",\"model\":\"SD-XL-Lightning-CF\"}"));
        control.reset();
        waitUntil(() -> get(images.get(1).baseUrl() + "/q/health/ready").contains("resting {" + LIGHTNING),
                "the other image-service learns of the model resting on the first account");

        for (ServiceProcess service : everyService()) {
            String log = Files.readString(service.log());
            assertThat(count(log, "is unreachable")).as("WARN lines for the lost Redis in %s", service.log())
                    .isEqualTo(1);
            assertThat(count(log, "answers again")).as("INFO lines for Redis back in %s", service.log()).isEqualTo(1);
            assertThat(log).as(service.log().toString()).doesNotContain(" ERROR ", "No handler waiting");
        }
    }

    @Test
    @Order(5)
    void aConsumersLimitsCountEveryGatewayAndOutliveARestart() throws IOException {
        control.reset();
        for (int i = 0; i < 4; i++) {
            Load.Answer answer = Load.send(seed(gateways.get(i % 2).baseUrl(), BUDGET_KEY, "a kite " + i));
            assertThat(answer.status()).as("image %d: %s", i, answer.body()).isEqualTo(200);
            // Flux at 1024x1024 and 4 steps: 4 tiles at 4.80 neurons and 4 steps at 9.60.
            assertThat(read(answer.body()).path("neurons").asDouble()).isEqualTo(57.6);
        }
        for (ServiceProcess gateway : gateways) {
            Load.Answer refused = Load.send(seed(gateway.baseUrl(), BUDGET_KEY, "one more kite"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(read(refused.body()).path("code").asText()).isEqualTo("daily_budget_exhausted");
        }
        JsonNode usage = read(Load.send(HttpRequest.newBuilder(URI.create(gateways.get(1).baseUrl() + "/api/usage"))
                .header("Authorization", "Bearer " + BUDGET_KEY).build()).body());
        assertThat(usage.path("images").asLong()).isEqualTo(4);
        assertThat(usage.path("neurons").asDouble()).isEqualTo(4 * 57.6);
        assertThat(usage.path("shared").asBoolean()).isTrue();

        gateways.get(0).stop();
        gateways.get(0).start();
        Load.Answer afterRestart = Load.send(seed(gateways.get(0).baseUrl(), BUDGET_KEY, "a kite after a restart"));
        assertThat(afterRestart.status()).as(afterRestart.body()).isEqualTo(429);

        for (int i = 0; i < 3; i++) {
            assertThat(Load.send(seed(gateways.get(i % 2).baseUrl(), RATE_KEY, "a paced kite " + i)).status())
                    .isEqualTo(200);
        }
        Load.Answer paced = Load.send(seed(gateways.get(1).baseUrl(), RATE_KEY, "too soon"));
        assertThat(paced.status()).as(paced.body()).isEqualTo(429);
        assertThat(read(paced.body()).path("code").asText()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(paced.retryAfter())).isBetween(1L, 60L);

        // Both services counted the accounts' neurons in Redis: the status page shows the day's spend of every call.
        JsonNode neurons = read(get(front.url("gateways") + "/api/status")).path("neurons");
        assertThat(neurons.path("shared").asBoolean()).isTrue();
        double used = 0;
        for (JsonNode spent : neurons.path("accounts")) {
            used += spent.path("neuronsUsed").asDouble();
            assertThat(spent.path("neuronsLeft").asDouble()).isEqualTo(10000 - spent.path("neuronsUsed").asDouble(),
                    org.assertj.core.api.Assertions.within(0.01));
        }
        assertThat(used).isGreaterThanOrEqualTo(7 * 57.6);
    }

    @Test
    @Order(6)
    void noKeyTokenOrRedisPasswordInAnyLog() throws IOException {
        List<Path> logs = new ArrayList<>();
        everyService().forEach(service -> logs.add(service.log()));
        logs.add(emulator.log());
        logs.add(Path.of("target", "scale-out-redis.log"));
        for (Balancer balancer : List.of(front, services)) {
            logs.add(balancer.accessLog());
        }
        List<String> secrets = List.of(KEY, BUDGET_KEY, RATE_KEY, PASSWORD, "test-token-1", "test-token-2");

        assertThat(Secrets.leaks(secrets, List.of(get(front.url("gateways") + "/api/status")), logs)).isEmpty();
    }

    private static Map<String, String> shared() {
        return Map.of("QUARKUS_REDIS_HOSTS", redis.url(), "SHARED_STATE_PROBE_INTERVAL", "500ms");
    }

    private static Map<String, String> upstream() {
        return with(shared(), Map.of("CF_ACCOUNT_LIST", ACCOUNTS, "CF_API_BASE_URL", emulator.baseUrl() + "/client/v4"));
    }

    private static List<ServiceProcess> everyService() {
        return Stream.of(translations, images, gateways).flatMap(List::stream).toList();
    }

    private static String imageUrl(String gateway, String prompt) {
        Load.Answer answer = Load.send(post(gateway + "/v1/images/generations", "{\"prompt\":\"" + prompt
                + "\",\"model\":\"SD-XL-Lightning-CF\",\"size\":\"256x256\",\"response_format\":\"url\"}"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return read(answer.body()).path("data").path(0).path("url").asText();
    }

    private static String chatImageUrl(String gateway, String prompt) {
        Load.Answer answer = Load.send(post(gateway + "/v1/chat/completions", "{\"model\":\"SD-XL-Lightning-CF\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher image = MARKDOWN_IMAGE.matcher(read(answer.body()).path("choices").path(0).path("message")
                .path("content").asText());
        assertThat(image.find()).as(answer.body()).isTrue();
        return image.group(1);
    }

    private static void assertEveryImageIsServed(List<String> urls) {
        for (String url : urls) {
            try {
                HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(answer.statusCode()).as("GET %s", url).isEqualTo(200);
                assertThat(Images.decode(answer.body()).getWidth()).as("GET %s", url).isPositive();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean served(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Generating requests the front balancer sent to {@code gateway}, from its access log. */
    private static long madeBy(ServiceProcess gateway) {
        try (Stream<String> lines = Files.lines(front.accessLog())) {
            return lines.filter(line -> line.startsWith("POST ") && line.endsWith("upstream=127.0.0.1:" + gateway.port()))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode translate(ServiceProcess translation, String text) {
        Load.Answer answer = Load.send(HttpRequest.newBuilder(URI.create(translation.baseUrl() + "/v1/translations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return read(answer.body());
    }

    private static long requests() throws IOException {
        return JSON.readTree(control.stats()).path("requests").asLong();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest seed(String gateway, String key, String prompt) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/generate-image")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}")).build();
    }

    private static String get(String url) {
        return Load.send(HttpRequest.newBuilder(URI.create(url)).build()).body();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(more);
        return all;
    }
}

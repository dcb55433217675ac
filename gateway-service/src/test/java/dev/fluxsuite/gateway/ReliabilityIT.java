package dev.fluxsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.fluxsuite.testsupport.InjectSuite;
import dev.fluxsuite.testsupport.Load;
import dev.fluxsuite.testsupport.Load.Answer;
import dev.fluxsuite.testsupport.Secrets;
import dev.fluxsuite.testsupport.SuiteControl;
import dev.fluxsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The whole chain under load while the emulator misbehaves, with three accounts: every request gets an answer,
 * the right one, in time, and the books of the emulator and the services agree. The limits are short here so
 * that the suite stays fast: image-service gives Stable Diffusion {@value #IMAGE_LIMIT_S} s, the gateway waits
 * {@value #GATEWAY_TIMEOUT_MS} ms for image-service, a spent allocation is probed again after
 * {@value #QUOTA_COOLDOWN_S} s, a model at capacity after {@value #CAPACITY_COOLDOWN_S} s.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SuiteTestResource.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "accounts", value = "3"),
        @ResourceArg(name = "image-service.IMAGE_TIMEOUT_STABLE_DIFFUSION", value = ReliabilityIT.IMAGE_LIMIT_S + "s"),
        @ResourceArg(name = "image-service.CF_POOL_QUOTA_COOLDOWN", value = ReliabilityIT.QUOTA_COOLDOWN_S + "s"),
        @ResourceArg(name = "image-service.CF_POOL_CAPACITY_COOLDOWN", value = ReliabilityIT.CAPACITY_COOLDOWN_S + "s"),
        @ResourceArg(name = "quarkus.fault-tolerance.\"dev.fluxsuite.gateway.client.ImageClient/generate\".timeout.value", value = ""
                + ReliabilityIT.GATEWAY_TIMEOUT_MS) })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    static final int IMAGE_LIMIT_S = 4;
    static final int GATEWAY_TIMEOUT_MS = 8000;
    static final int QUOTA_COOLDOWN_S = 3;
    static final int CAPACITY_COOLDOWN_S = 2;
    /** The gateway's circuit breaker delay towards image-service ({@code ImageClient}). */
    private static final Duration GATEWAY_BREAKER_DELAY = Duration.ofSeconds(5);
    /** What a loaded 2-core machine may add to a limit before the answer is on the client's side. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

    @InjectSuite
    SuiteControl suite;

    @Test
    @Order(1)
    void aRateLimitedAccountCostsNoRequestOf2000AtConcurrency100() {
        List<Answer> answers = balanced(() -> {
            suite.emulator().fault("{\"account\":\"test-account-2\",\"mode\":\"rate-limit\"}");
            return load(2000, 100);
        });

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
        JsonPath stats = JsonPath.from(suite.emulator().stats());
        assertThat(stats.getLong("accounts.'test-account-2'.outcomes.'rate-limited'")).isPositive();
        assertThat(stats.getLong("outcomes.ok")).as("one upstream success per request").isEqualTo(2000);
    }

    @Test
    @Order(2)
    void everyAccountOutOfQuotaIsA429WithinASecondUntilTheCooldownAfterAReset() {
        // The rate-limited account of the test before rests a little longer; resting, it is not out of quota.
        sleep(Duration.ofSeconds(CAPACITY_COOLDOWN_S).plus(SLACK).toMillis());
        List<Answer> refused = balanced(() -> {
            suite.emulator().fault("{\"mode\":\"quota-exhausted\"}");
            return load(300, 50);
        });
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(429);
            assertThat(a.retryAfter()).matches("[1-9][0-9]*");
            assertThat(Integer.parseInt(a.retryAfter())).isLessThanOrEqualTo(QUOTA_COOLDOWN_S);
            assertThat(JsonPath.from(a.body()).getString("code")).isEqualTo("daily_quota_exhausted");
            assertThat(a.took()).isLessThan(Duration.ofSeconds(1));
        });

        suite.emulator().reset();
        long back = System.nanoTime();
        awaitServing();
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(QUOTA_COOLDOWN_S).plus(SLACK));
        assertThat(load(200, 50)).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
    }

    @Test
    @Order(3)
    void withThirtyPercentServerErrorsEachRequestSucceedsOrGetsAClear502Or503InTime() {
        List<Answer> answers = balanced(() -> {
            suite.emulator().fault("{\"mode\":\"server-error\",\"probability\":0.3}");
            return load(500, 50);
        });

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isIn(200, 502, 503);
            assertThat(a.took()).isLessThan(Duration.ofMillis(GATEWAY_TIMEOUT_MS).plus(SLACK));
            if (a.status() != 200) {
                JsonPath error = JsonPath.from(a.body());
                assertThat(error.getString("code")).isNotBlank();
                assertThat(error.getString("error")).isNotBlank();
            }
        });
        // Retries on other accounts hide most failures: five tries each failing 30% of the time.
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isGreaterThan(450);
    }

    @Test
    @Order(4)
    void answersTheUpstreamHoldsAreAnsweredWithinTheGatewaysTimeout() {
        suite.emulator().reset();
        awaitServing();
        suite.emulator().fault("{\"mode\":\"timeout\"}");
        List<Answer> answers = load(100, 50);
        suite.emulator().reset();

        // The first wave waits out image-service's limit; then the model's breaker opens and answers at once.
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.took()).isLessThan(Duration.ofMillis(GATEWAY_TIMEOUT_MS).plus(SLACK));
            assertThat(JsonPath.from(a.body()).getString("code")).as(a.body()).isIn("upstream_timeout", "model_unavailable");
            assertThat(a.status()).isEqualTo(a.body().contains("upstream_timeout") ? 504 : 503);
        });
        assertThat(answers.subList(0, 50)).allSatisfy(a -> assertThat(JsonPath.from(a.body()).getString("error"))
                .isEqualTo("Workers AI did not answer in time"));
    }

    @Test
    @Order(5)
    void whileImageServiceIsDownEachRequestIsA503AndItServesAgainWithinTheBreakerDelay() throws Exception {
        suite.emulator().reset();
        awaitServing();
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<List<Answer>> background = CompletableFuture.supplyAsync(() -> {
            List<Answer> all = new ArrayList<>();
            while (running.get()) {
                all.addAll(load(20, 20));
            }
            return all;
        });
        Thread.sleep(2000);
        suite.image().stop();
        long stopped = System.nanoTime();
        Thread.sleep(3000);
        long restarting = System.nanoTime();
        suite.image().start();
        long ready = System.nanoTime();
        Thread.sleep(GATEWAY_BREAKER_DELAY.plus(SLACK).toMillis() + 2000);
        running.set(false);
        List<Answer> answers = background.get();

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 503));
        List<Answer> whileDown = answers.stream()
                .filter(a -> a.sentAt() > stopped && a.sentAt() + a.took().toNanos() < restarting)
                .toList();
        assertThat(whileDown).isNotEmpty().allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(503);
            assertThat(JsonPath.from(a.body()).getString("code")).isEqualTo("image_service_unavailable");
        });
        long servingBy = ready + GATEWAY_BREAKER_DELAY.plus(SLACK).toNanos();
        List<Answer> afterDelay = answers.stream().filter(a -> a.sentAt() > servingBy).toList();
        assertThat(afterDelay).isNotEmpty().allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
    }

    @Test
    @Order(11)
    void theFaultsAreToldInOneLineEachAndNoneAsAnError() throws IOException {
        for (Path log : Secrets.SUITE_LOGS) {
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("ERROR lines in %s: every fault here is an upstream's, handled", log)
                    .noneMatch(line -> line.contains(" ERROR "));
            assertThat(lines).as("stack traces in %s", log)
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:"));
        }
    }

    @Test
    @Order(10)
    void noKeyOrTokenShowsInAnyLogLineOrAnswerOfTheFaults() {
        assertThat(ANSWERS).hasSizeGreaterThan(3000);
        assertThat(Secrets.leaks(Secrets.SUITE, ANSWERS, Secrets.SUITE_LOGS)).isEmpty();
    }

    /**
     * Runs a scenario from a clean emulator and checks its books: one answer per request, and as many upstream
     * calls as the services say they made.
     */
    private List<Answer> balanced(Supplier<List<Answer>> scenario) {
        suite.emulator().reset();
        awaitServing();
        suite.emulator().reset();
        double before = upstreamCallsReported();
        List<Answer> answers = scenario.get();
        long received = JsonPath.from(suite.emulator().stats()).getLong("requests");
        assertThat(upstreamCallsReported() - before).as("upstream calls the services report").isEqualTo(received);
        return answers;
    }

    private double upstreamCallsReported() {
        return suite.image().counter("workers_ai_calls_total") + suite.translation().counter("workers_ai_calls_total");
    }

    /** Sends {@code requests} generations and checks that each got an answer. */
    private static List<Answer> load(int requests, int concurrency) {
        List<Answer> answers = Load.run(requests, concurrency, i -> generation());
        assertThat(answers).hasSize(requests).allSatisfy(a -> assertThat(a.status()).as(a.body()).isPositive());
        answers.forEach(a -> ANSWERS.add(a.text()));
        return answers;
    }

    /** Waits until a generation succeeds again, after a fault or an outage. */
    private static void awaitServing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer last;
        do {
            last = Load.send(generation());
            ANSWERS.add(last.text());
            if (last.status() == 200) {
                return;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "the suite did not serve again within 30 s; last answer " + last.status() + ": " + last.body());
    }

    private static HttpRequest generation() {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/generate-image"))
                .header("Authorization", "Bearer suite-key-1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\":\"a lighthouse at dawn\",\"model\":\"SD-XL-Lightning-CF\",\"size\":\"256x256\",\"seed\":7}"))
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

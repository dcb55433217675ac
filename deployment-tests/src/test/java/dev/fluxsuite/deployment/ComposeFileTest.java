package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code docker-compose.yml} read as YAML (anchors and merge keys resolved) and checked against the services. */
class ComposeFileTest {

    private final String text;
    private final Map<String, Object> redis;
    /** The suite's own services, Redis aside. */
    private final Map<String, Map<String, Object>> services;

    @SuppressWarnings("unchecked")
    ComposeFileTest() throws IOException {
        text = Files.readString(ServiceFacts.ROOT.resolve("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(text);
        services = new java.util.HashMap<>((Map<String, Map<String, Object>>) compose.get("services"));
        redis = services.remove("redis");
    }

    @Test
    void runsTheThreeServicesTheEmulatorAndRedis() {
        assertThat(services).containsOnlyKeys(ServiceFacts.ALL.keySet());
        assertThat(redis).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void redisKeepsNothingOnDiskEvictsTheSoonestToExpireAndIsSharedByTheThreeServices() {
        assertThat((String) redis.get("image")).startsWith("redis:7");
        assertThat(String.join(" ", (List<String>) redis.get("command")))
                .contains("--maxmemory 256mb", "--maxmemory-policy volatile-ttl", "--save  --appendonly no");
        assertThat(String.join(" ", (List<String>) ((Map<String, Object>) redis.get("healthcheck")).get("test")))
                .contains("redis-cli ping");
        assertThat(redis).doesNotContainKey("ports").containsEntry("restart", "on-failure");
        for (String name : List.of("gateway-service", "translation-service", "image-service")) {
            assertThat((Map<String, Object>) services.get(name).get("environment")).as(name)
                    .containsEntry("QUARKUS_REDIS_HOSTS", "${QUARKUS_REDIS_HOSTS:-redis://redis:6379}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceRestartsHasLimitsAndIsCheckedForReadinessOnItsPort() {
        services.forEach((name, service) -> {
            ServiceFacts facts = ServiceFacts.ALL.get(name);
            assertThat(service.get("restart")).as(name).isEqualTo("on-failure");
            List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
            assertThat(String.join(" ", test)).as(name).contains("http://localhost:" + facts.port() + "/q/health/ready");
            Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) service
                    .get("deploy")).get("resources")).get("limits");
            assertThat(limits).as(name).containsKeys("cpus", "memory");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartAfterWhatTheyNeedIsHealthy() {
        services.forEach((name, service) -> {
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            if (dependsOn != null) {
                dependsOn.values().forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
            }
        });
        assertThat((Map<String, Object>) services.get("gateway-service").get("depends_on"))
                .containsKeys("translation-service", "image-service");
    }

    @Test
    void eachServiceMayFinishWhatItHasInFlightBeforeItIsKilled() {
        services.forEach((name, service) -> {
            Duration timeout = ServiceFacts.ALL.get(name).shutdownTimeout();
            if (!timeout.isZero()) {
                // Compose's own default is 10 s, then SIGKILL.
                assertThat(service.get("stop_grace_period")).as(name).isNotNull();
                assertThat(Duration.parse("PT" + service.get("stop_grace_period"))).as(name)
                        .isGreaterThanOrEqualTo(timeout.plusSeconds(5));
            }
        });
    }

    @Test
    void onlyTheGatewayIsPublished() {
        assertThat(redis).doesNotContainKey("ports");
        services.forEach((name, service) -> assertThat(service.containsKey("ports")).as(name)
                .isEqualTo(name.equals("gateway-service")));
        assertThat(services.get("gateway-service").get("ports")).isEqualTo(List.of("8080:8080"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableSetIsOneTheServiceReadsAndEveryNeededOneIsSet() {
        services.forEach((name, service) -> {
            ServiceFacts facts = ServiceFacts.ALL.get(name);
            Set<String> set = ((Map<String, Object>) service.get("environment")).keySet();
            assertThat(facts.readable()).as(name + " reads").containsAll(set);
            assertThat(set).as(name + " needs").containsAll(facts.required());
        });
    }

    @Test
    void theEnvExampleExplainsEveryVariableTheFileTakes() throws IOException {
        Set<String> taken = new HashSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)").matcher(text);
        while (matcher.find()) {
            taken.add(matcher.group(1));
        }
        String example = Files.readString(ServiceFacts.ROOT.resolve(".env.example"));
        for (String variable : taken) {
            assertThat(example).as(".env.example explains " + variable).containsPattern("(?m)^" + variable + "=");
        }
    }
}

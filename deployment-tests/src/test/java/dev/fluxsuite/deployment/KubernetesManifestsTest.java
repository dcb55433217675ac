package dev.fluxsuite.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

class KubernetesManifestsTest {

    private static final Path BASE = Manifests.K8S.resolve("base");
    private static final Path DEMO = Manifests.K8S.resolve("overlays/emulator-demo");
    private static final Set<String> SCALED = Set.of("gateway-service", "translation-service", "image-service");
    /** Quarkus settings that belong with the pod spec, set in each Deployment rather than in the ConfigMap. */
    private static final Set<String> POD_SETTINGS = Set.of("QUARKUS_SHUTDOWN_DELAY");
    /** What a JVM takes to stop once nothing is in flight: its shutdown hooks, the last log lines. */
    private static final Duration JVM_STOP = Duration.ofSeconds(5);

    private final List<HasMetadata> base = Manifests.resources(BASE);
    private final List<HasMetadata> demo = Manifests.read(DEMO.resolve("workers-ai-emulator.yaml"));

    @Test
    void everyManifestReadsIntoItsKubernetesModel() {
        Manifests.yamlFiles().filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                .filter(p -> !p.getFileName().toString().equals("native-resources.yaml"))
                .forEach(file -> assertThat(Manifests.read(file)).as(file.toString()).isNotEmpty());
    }

    @Test
    void deploymentsListenOnTheirServicesPortsAndProbeTheirHealth() {
        for (Deployment deployment : deployments()) {
            ServiceFacts facts = ServiceFacts.ALL.get(deployment.getMetadata().getName());
            Container container = container(deployment);
            assertThat(container.getPorts().get(0).getContainerPort()).as(facts.name()).isEqualTo(facts.port());
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", Integer.toString(facts.port()))
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
    }

    @Test
    void everyVariableSetIsOneTheServiceReadsAndEveryNeededOneIsSet() {
        ConfigMap config = only(ConfigMap.class, base);
        Secret secret = only(Secret.class, base);
        for (Deployment deployment : deployments()) {
            ServiceFacts facts = ServiceFacts.ALL.get(deployment.getMetadata().getName());
            Set<String> set = new HashSet<>();
            for (EnvVar variable : container(deployment).getEnv()) {
                if (variable.getValueFrom() == null) {
                    assertThat(POD_SETTINGS).as(variable.getName() + ", set in the Deployment itself")
                            .contains(variable.getName());
                    continue;
                }
                set.add(variable.getName());
                var source = variable.getValueFrom();
                if (source.getConfigMapKeyRef() != null) {
                    assertThat(config.getData()).as("config for " + variable.getName())
                            .containsKey(source.getConfigMapKeyRef().getKey());
                } else {
                    assertThat(secret.getStringData()).as("secret for " + variable.getName())
                            .containsKey(source.getSecretKeyRef().getKey());
                }
            }
            assertThat(facts.readable()).as(facts.name() + " reads").containsAll(set);
            assertThat(set).as(facts.name() + " needs").containsAll(facts.required());
        }
    }

    @Test
    void eachPodLeavesItsServiceThenFinishesWhatItHasInFlightBeforeItIsKilled() {
        for (Deployment deployment : deployments()) {
            ServiceFacts facts = ServiceFacts.ALL.get(deployment.getMetadata().getName());
            Duration delay = container(deployment).getEnv().stream()
                    .filter(variable -> variable.getName().equals("QUARKUS_SHUTDOWN_DELAY"))
                    .map(variable -> Duration.parse("PT" + variable.getValue())).findFirst()
                    .orElseThrow(() -> new AssertionError(facts.name() + " sets no QUARKUS_SHUTDOWN_DELAY"));
            assertThat(delay).as(facts.name() + ": endpoints take seconds to follow").isBetween(Duration.ofSeconds(3),
                    Duration.ofSeconds(15));
            assertThat(facts.shutdownTimeout()).as(facts.name() + " waits for its requests").isPositive();
            Duration grace = Duration
                    .ofSeconds(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
            assertThat(grace).as(facts.name() + ": terminationGracePeriodSeconds")
                    .isGreaterThanOrEqualTo(delay.plus(facts.shutdownTimeout()).plus(JVM_STOP));
        }
    }

    @Test
    void selectorsMatchTheLabelsOfThePodsTheyMean() {
        List<HasMetadata> all = new java.util.ArrayList<>(base);
        all.addAll(demo);
        List<Deployment> deployments = Manifests.ofType(all, Deployment.class);
        for (Service service : Manifests.ofType(all, Service.class)) {
            assertThat(deployments).as("pods of service " + service.getMetadata().getName())
                    .anyMatch(d -> labels(d).entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        }
        for (HorizontalPodAutoscaler hpa : Manifests.ofType(all, HorizontalPodAutoscaler.class)) {
            assertThat(deployments).extracting(d -> d.getMetadata().getName())
                    .contains(hpa.getSpec().getScaleTargetRef().getName());
        }
        for (PodDisruptionBudget pdb : Manifests.ofType(all, PodDisruptionBudget.class)) {
            assertThat(deployments).anyMatch(d -> matches(pdb.getSpec().getSelector(), labels(d)));
        }
        for (NetworkPolicy policy : Manifests.ofType(all, NetworkPolicy.class)) {
            assertThat(deployments).as("pods of policy " + policy.getMetadata().getName())
                    .anyMatch(d -> matches(policy.getSpec().getPodSelector(), labels(d)));
        }
        for (Deployment deployment : deployments) {
            assertThat(deployment.getSpec().getSelector().getMatchLabels().entrySet())
                    .isSubsetOf(labels(deployment).entrySet());
        }
    }

    @Test
    void eachServiceScalesOnItsOwnWithItsBudgetAndPolicy() {
        for (String name : SCALED) {
            HorizontalPodAutoscaler hpa = named(HorizontalPodAutoscaler.class, name);
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            assertThat(named(PodDisruptionBudget.class, name).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            assertThat(named(NetworkPolicy.class, name)).isNotNull();
        }
        NetworkPolicy denyAll = named(NetworkPolicy.class, "default-deny");
        assertThat(denyAll.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(denyAll.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        for (String inner : List.of("translation-service", "image-service")) {
            var from = named(NetworkPolicy.class, inner).getSpec().getIngress().get(0).getFrom();
            assertThat(from).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "gateway-service"));
        }
    }

    @Test
    void podsRunAsNonRootReadOnlyWithoutCapabilitiesOrAToken() {
        List<Deployment> all = new java.util.ArrayList<>(Manifests.ofType(base, Deployment.class));
        all.addAll(Manifests.ofType(demo, Deployment.class));
        assertThat(all).extracting(d -> d.getMetadata().getName()).contains("redis");
        for (Deployment deployment : all) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            String name = deployment.getMetadata().getName();
            assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getVolumeMounts()).as(name + " writes only to /tmp")
                    .anyMatch(m -> m.getMountPath().equals("/tmp"));
        }
    }

    @Test
    void redisKeepsNothingOnDiskEvictsTheSoonestToExpireAndOnlyTheThreeServicesReachIt() {
        Deployment redis = named(Deployment.class, "redis");
        Container container = container(redis);
        assertThat(container.getImage()).startsWith("redis:7");
        assertThat(String.join(" ", container.getArgs()))
                .contains("--maxmemory 256mb", "--maxmemory-policy volatile-ttl", "--save  --appendonly no");
        assertThat(container.getReadinessProbe().getExec().getCommand()).containsExactly("redis-cli", "ping");
        assertThat(container.getLivenessProbe().getTcpSocket()).isNotNull();
        assertThat(named(Service.class, "redis").getSpec().getPorts().get(0).getPort()).isEqualTo(6379);
        assertThat(only(ConfigMap.class, base).getData()).containsEntry("QUARKUS_REDIS_HOSTS", "redis://redis:6379");

        var from = named(NetworkPolicy.class, "redis").getSpec().getIngress().get(0).getFrom();
        assertThat(from).singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchExpressions())
                .singleElement().satisfies(e -> assertThat(e.getValues()).containsExactlyInAnyOrderElementsOf(SCALED)));
        for (String name : SCALED) {
            assertThat(named(NetworkPolicy.class, name).getSpec().getEgress()).as(name + " may reach Redis")
                    .anyMatch(rule -> rule.getTo() != null && rule.getTo().stream().anyMatch(peer -> peer.getPodSelector()
                            .getMatchLabels().equals(Map.of("app.kubernetes.io/name", "redis"))));
        }
    }

    @Test
    void theSecretTemplateHoldsNoRealLookingValue() {
        only(Secret.class, base).getStringData().forEach((key, value) -> assertThat(value).as(key)
                .satisfiesAnyOf(v -> assertThat(v).isEmpty(), v -> assertThat(v).startsWith("REPLACE_")));
        for (JsonNode document : Manifests.documents(DEMO.resolve("demo-secrets.yaml"))) {
            document.path("stringData").fields().forEachRemaining(entry -> assertThat(entry.getValue().asText())
                    .as(entry.getKey())
                    .matches("demo-key|\\[(\\{\"account_id\":\"demo-account-\\d\",\"token\":\"demo-token-\\d\"},?)+]"));
        }
    }

    @Test
    void overlaysReferOnlyToFilesThatExistAndSwapTheImages() {
        for (String overlay : List.of("jvm", "native", "emulator-demo")) {
            Path dir = Manifests.K8S.resolve("overlays").resolve(overlay);
            JsonNode kustomization = Manifests.kustomization(dir);
            for (String list : List.of("resources", "patches")) {
                for (JsonNode entry : kustomization.path(list)) {
                    String path = entry.isTextual() ? entry.asText() : entry.path("path").asText();
                    assertThat(Files.exists(dir.resolve(path))).as(overlay + ": " + path).isTrue();
                }
            }
        }
        JsonNode nativeImages = Manifests.kustomization(Manifests.K8S.resolve("overlays/native")).path("images");
        assertThat(nativeImages).allSatisfy(image -> assertThat(image.path("newTag").asText()).isEqualTo("native"));
        assertThat(nativeImages).hasSize(SCALED.size());
        // A JSON patch: a list of operations, which the reader hands over one by one.
        JsonNode resources = Manifests.documents(Manifests.K8S.resolve("overlays/native/native-resources.yaml")).stream()
                .filter(op -> op.path("path").asText().endsWith("/resources")).findFirst().orElseThrow();
        assertThat(resources.path("value").path("limits").path("memory").asText()).isEqualTo("256Mi");
    }

    /** The suite's own Deployments, Redis aside. */
    private List<Deployment> deployments() {
        return Manifests.ofType(base, Deployment.class).stream().filter(d -> SCALED.contains(d.getMetadata().getName()))
                .toList();
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return Manifests.ofType(base, type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static <T> T only(Class<T> type, List<HasMetadata> resources) {
        List<T> found = Manifests.ofType(resources, type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> labels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(e -> e.getOperator().equals("In") && e.getValues().contains(labels.get(e.getKey())));
    }
}

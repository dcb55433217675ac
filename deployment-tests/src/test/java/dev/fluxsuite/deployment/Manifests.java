package dev.fluxsuite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The Kubernetes manifests under {@code k8s/}, read into fabric8's typed models. Unknown fields are errors, so a
 * misspelt field fails here instead of being dropped by the cluster.
 */
final class Manifests {

    static final Path K8S = ServiceFacts.ROOT.resolve("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class, "v1/Service", Service.class, "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class, "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class, "networking.k8s.io/v1/Ingress", Ingress.class);

    private Manifests() {
    }

    /** Every resource of the files a kustomization lists (its {@code resources} that are files). */
    static List<HasMetadata> resources(Path kustomizationDir) {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode entry : kustomization(kustomizationDir).path("resources")) {
            Path path = kustomizationDir.resolve(entry.asText()).normalize();
            if (Files.isRegularFile(path)) {
                resources.addAll(read(path));
            }
        }
        return resources;
    }

    static JsonNode kustomization(Path dir) {
        return documents(dir.resolve("kustomization.yaml")).get(0);
    }

    static List<HasMetadata> read(Path file) {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode document : documents(file)) {
            String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                throw new AssertionError(file + ": unexpected kind " + kind);
            }
            try {
                resources.add(YAML.treeToValue(document, type));
            } catch (IOException e) {
                throw new AssertionError(file + ": " + kind + " does not read as its model: " + e.getMessage(), e);
            }
        }
        return resources;
    }

    static List<JsonNode> documents(Path file) {
        try {
            ObjectReader reader = YAML.readerFor(JsonNode.class);
            List<JsonNode> documents = new ArrayList<>();
            try (var values = reader.readValues(Files.readString(file))) {
                while (values.hasNextValue()) {
                    JsonNode document = (JsonNode) values.nextValue();
                    if (document != null && !document.isNull() && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static Stream<Path> yamlFiles() {
        try {
            return Files.walk(K8S).filter(p -> p.toString().endsWith(".yaml")).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

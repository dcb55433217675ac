package dev.fluxsuite.image.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fluxsuite.image.config.ImageConfig;
import io.quarkus.runtime.Startup;

/**
 * The models clients may ask for: the aliases of {@code CUSTOMER_MODEL_MAP} (the seed's four by default), each
 * also reachable by its {@code @cf/…} id. A map that names a model this service does not know how to call
 * stops the service at start, with a message that lists the ones it knows.
 */
@Singleton
@Startup // made at start, not at the first call: a bad setting is then a stopped start, not an answer of 500s
public class ModelCatalog {

    /** The seed's aliases, in the seed's order; the first is the default model. */
    public static final String SEED_MODEL_MAP = "{\"FLUX.1-Schnell-CF\":\"@cf/black-forest-labs/flux-1-schnell\","
            + "\"DS-8-CF\":\"@cf/lykon/dreamshaper-8-lcm\","
            + "\"SD-XL-Bash-CF\":\"@cf/stabilityai/stable-diffusion-xl-base-1.0\","
            + "\"SD-XL-Lightning-CF\":\"@cf/bytedance/stable-diffusion-xl-lightning\"}";

    /** The Workers AI text-to-image models this service can call, with their display names. */
    static final Map<String, KnownModel> KNOWN = List.of(
            new KnownModel("@cf/black-forest-labs/flux-1-schnell", "FLUX.1 [schnell]", Family.FLUX),
            new KnownModel("@cf/lykon/dreamshaper-8-lcm", "DreamShaper 8 LCM", Family.STABLE_DIFFUSION),
            new KnownModel("@cf/stabilityai/stable-diffusion-xl-base-1.0", "Stable Diffusion XL base 1.0",
                    Family.STABLE_DIFFUSION),
            new KnownModel("@cf/bytedance/stable-diffusion-xl-lightning", "SDXL-Lightning", Family.STABLE_DIFFUSION),
            new KnownModel("@cf/leonardo/phoenix-1.0", "Leonardo Phoenix 1.0", Family.PHOENIX),
            new KnownModel("@cf/leonardo/lucid-origin", "Leonardo Lucid Origin", Family.LUCID))
            .stream().collect(Collectors.toMap(KnownModel::id, m -> m, (a, b) -> a, LinkedHashMap::new));

    record KnownModel(String id, String displayName, Family family) {
    }

    private final List<CatalogModel> models;
    private final Map<String, CatalogModel> byName = new LinkedHashMap<>();
    private final Map<String, CatalogModel> fallbacks = new LinkedHashMap<>();

    @Inject
    ModelCatalog(ImageConfig config, ObjectMapper mapper) {
        this(config.customerModelMap().filter(s -> !s.isBlank()).orElse(SEED_MODEL_MAP), config.fluxNumSteps(),
                config.fallbackModels().orElse(List.of()), mapper);
    }

    ModelCatalog(String modelMapJson, int fluxSteps, List<String> fallbackModels, ObjectMapper mapper) {
        if (fluxSteps < 1 || fluxSteps > Family.FLUX.maxSteps()) {
            throw new IllegalArgumentException("FLUX_NUM_STEPS must be between 1 and " + Family.FLUX.maxSteps()
                    + ", not " + fluxSteps);
        }
        this.models = parse(modelMapJson, fluxSteps, mapper);
        for (CatalogModel model : models) {
            byName.putIfAbsent(key(model.alias()), model);
        }
        for (CatalogModel model : models) {
            byName.putIfAbsent(key(model.upstreamModel()), model);
        }
        for (String pair : fallbackModels) {
            String[] parts = pair.split("=", 2);
            CatalogModel source = parts.length == 2 ? byName.get(key(parts[0])) : null;
            CatalogModel target = parts.length == 2 ? byName.get(key(parts[1])) : null;
            if (source == null || target == null || source.equals(target)) {
                throw new IllegalArgumentException("IMAGE_FALLBACK_MODELS: '" + pair.strip()
                        + "' must be asked=instead, two different models of the catalogue: " + aliases());
            }
            fallbacks.put(source.alias(), target);
        }
    }

    public List<CatalogModel> all() {
        return models;
    }

    /** The model for an alias or a {@code @cf/…} id (either in any case); the first model for null or blank. */
    public CatalogModel find(String name) {
        if (name == null || name.isBlank()) {
            return models.get(0);
        }
        CatalogModel model = byName.get(key(name));
        if (model == null) {
            throw new ModelNotFoundException("Unknown model '" + name + "'. Available: " + aliases()
                    + " (or their @cf/… ids, see GET /v1/models)");
        }
        return model;
    }

    public Optional<CatalogModel> fallbackFor(CatalogModel model) {
        return Optional.ofNullable(fallbacks.get(model.alias()));
    }

    public String displayName(CatalogModel model) {
        return KNOWN.get(model.upstreamModel()).displayName();
    }

    private String aliases() {
        return models.stream().map(CatalogModel::alias).collect(Collectors.joining(", "));
    }

    private static List<CatalogModel> parse(String json, int fluxSteps, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("CUSTOMER_MODEL_MAP is not valid JSON; expected {\"alias\":\"@cf/…\"}");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException("CUSTOMER_MODEL_MAP must be a non-empty JSON object like {\"alias\":\"@cf/…\"}");
        }
        List<CatalogModel> parsed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String alias = entry.getKey().strip();
            KnownModel known = entry.getValue().isTextual() ? KNOWN.get(entry.getValue().asText().strip()) : null;
            if (alias.isEmpty() || alias.length() > 100) {
                throw new IllegalArgumentException("CUSTOMER_MODEL_MAP: aliases must be 1 to 100 characters");
            }
            if (known == null) {
                throw new IllegalArgumentException("CUSTOMER_MODEL_MAP: '" + alias + "' maps to " + entry.getValue()
                        + ", which is not a text-to-image model this service can call. Known: " + KNOWN.keySet());
            }
            int steps = known.family() == Family.FLUX ? fluxSteps : known.family().defaultSteps();
            parsed.add(new CatalogModel(alias, known.id(), known.family(), steps));
        }
        return List.copyOf(parsed);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}

package dev.fluxsuite.image.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ModelCatalogTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ModelCatalog catalog(String map, List<String> fallbacks) {
        return new ModelCatalog(map, 4, fallbacks, MAPPER);
    }

    @Test
    void defaultsToTheSeedsFourModelsWithFluxFirst() {
        ModelCatalog catalog = catalog(ModelCatalog.SEED_MODEL_MAP, List.of());

        assertThat(catalog.all()).extracting(CatalogModel::alias)
                .containsExactly("FLUX.1-Schnell-CF", "DS-8-CF", "SD-XL-Bash-CF", "SD-XL-Lightning-CF");
        assertThat(catalog.find(null).alias()).isEqualTo("FLUX.1-Schnell-CF");
        assertThat(catalog.find("FLUX.1-Schnell-CF").defaultSteps()).isEqualTo(4);
        assertThat(catalog.find("DS-8-CF").family()).isEqualTo(Family.STABLE_DIFFUSION);
    }

    @Test
    void findsByAliasOrCfIdInAnyCase() {
        ModelCatalog catalog = catalog(ModelCatalog.SEED_MODEL_MAP, List.of());

        assertThat(catalog.find("sd-xl-lightning-cf").upstreamModel()).isEqualTo("@cf/bytedance/stable-diffusion-xl-lightning");
        assertThat(catalog.find("@cf/lykon/dreamshaper-8-lcm").alias()).isEqualTo("DS-8-CF");
    }

    @Test
    void unknownModelListsTheAvailableOnes() {
        assertThatThrownBy(() -> catalog(ModelCatalog.SEED_MODEL_MAP, List.of()).find("dall-e-3"))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Unknown model 'dall-e-3'")
                .hasMessageContaining("FLUX.1-Schnell-CF, DS-8-CF, SD-XL-Bash-CF, SD-XL-Lightning-CF");
    }

    @Test
    void customMapMayAddLeonardoModels() {
        ModelCatalog catalog = catalog("{\"phoenix\":\"@cf/leonardo/phoenix-1.0\",\"lucid\":\"@cf/leonardo/lucid-origin\"}",
                List.of());

        assertThat(catalog.find("phoenix").family()).isEqualTo(Family.PHOENIX);
        assertThat(catalog.find("lucid").family()).isEqualTo(Family.LUCID);
        assertThat(catalog.displayName(catalog.find("lucid"))).isEqualTo("Leonardo Lucid Origin");
    }

    @Test
    void mapNamingAModelItCannotCallIsRefusedAtStart() {
        assertThatThrownBy(() -> catalog("{\"chat\":\"@cf/meta/llama-3.1-8b-instruct-fast\"}", List.of()))
                .hasMessageContaining("'chat' maps to")
                .hasMessageContaining("@cf/black-forest-labs/flux-1-schnell");
        assertThatThrownBy(() -> catalog("[\"@cf/black-forest-labs/flux-1-schnell\"]", List.of()))
                .hasMessageContaining("must be a non-empty JSON object");
        assertThatThrownBy(() -> catalog("{nope", List.of())).hasMessageContaining("not valid JSON");
    }

    @Test
    void fluxStepsOutsideItsLimitAreRefusedAtStart() {
        assertThatThrownBy(() -> new ModelCatalog(ModelCatalog.SEED_MODEL_MAP, 9, List.of(), MAPPER))
                .hasMessage("FLUX_NUM_STEPS must be between 1 and 8, not 9");
    }

    @Test
    void fallbacksMustNameModelsOfTheCatalogue() {
        ModelCatalog catalog = catalog(ModelCatalog.SEED_MODEL_MAP, List.of("FLUX.1-Schnell-CF=SD-XL-Lightning-CF"));

        assertThat(catalog.fallbackFor(catalog.find("FLUX.1-Schnell-CF"))).map(CatalogModel::alias)
                .contains("SD-XL-Lightning-CF");
        assertThat(catalog.fallbackFor(catalog.find("DS-8-CF"))).isEmpty();
        assertThatThrownBy(() -> catalog(ModelCatalog.SEED_MODEL_MAP, List.of("FLUX.1-Schnell-CF=nope")))
                .hasMessageContaining("must be asked=instead");
        assertThatThrownBy(() -> catalog(ModelCatalog.SEED_MODEL_MAP, List.of("FLUX.1-Schnell-CF")))
                .hasMessageContaining("IMAGE_FALLBACK_MODELS");
    }
}

package dev.fluxsuite.gateway.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.gateway.client.ModelLists.ImageModel;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/** The image models, fetched from image-service (WireMock here) and kept for the list's lifetime. */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ModelDirectoryTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ModelDirectory directory;

    @Test
    void callersThatFindTheListStaleTogetherShareOneFetch() {
        wireMock.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(300)
                .withBody(ServiceAnswers.FLUX_ONLY)));

        List<List<ImageModel>> lists = Uni.join().all(IntStream.range(0, 50).mapToObj(i -> directory.imageModels()).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(10));

        assertThat(lists).hasSize(50).allSatisfy(models -> assertThat(models).extracting(ImageModel::id)
                .containsExactly("FLUX.1-Schnell-CF"));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
        // Kept: the next callers do not ask again.
        directory.imageModels().await().atMost(Duration.ofSeconds(5));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
    }
}

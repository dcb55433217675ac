package dev.fluxsuite.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.gateway.rest.RequestIdFilter;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;

/** Images from image-service (WireMock here), read whole before they are handed on. */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ImageClientTest {

    private static final ImageCall CALL = new ImageCall("a cat", "FLUX.1-Schnell-CF", 1024, 1024, 4, 7L, null, null);

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ImageClient images;

    @Inject
    ImageFetcher fetcher;

    @AfterEach
    void forgetTheRequestId() {
        MDC.remove(RequestIdFilter.KEY);
    }

    @Test
    void readsAnImageThatArrivesInPiecesWithWhatItsHeadersSay() {
        byte[] jpeg = new byte[300_000];
        new Random(3).nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withHeader("X-Model", "FLUX.1-Schnell-CF")
                .withHeader("X-Upstream-Model", "@cf/black-forest-labs/flux-1-schnell").withHeader("X-Attempts", "2")
                .withHeader("X-Seed", "7").withHeader("X-Image-Size", "1024x1024")
                .withBody(jpeg).withChunkedDribbleDelay(40, 400)));
        MDC.put(RequestIdFilter.KEY, "req-42");

        RenderedImage image = images.generate(CALL).await().atMost(Duration.ofSeconds(10));

        assertThat(image.copy()).isEqualTo(jpeg);
        // Outside a request there is no answer to wait for: the image is on the heap, its buffer back in the pool.
        assertThat(fetcher.held()).isZero();
        assertThat(image).extracting(RenderedImage::contentType, RenderedImage::model, RenderedImage::upstreamModel,
                RenderedImage::attempts, RenderedImage::seed, RenderedImage::size)
                .containsExactly("image/jpeg", "FLUX.1-Schnell-CF", "@cf/black-forest-labs/flux-1-schnell", 2, 7L,
                        "1024x1024");
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/images")).withHeader(RequestIdFilter.HEADER, equalTo("req-42"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"prompt\":\"a cat\",\"model\":\"FLUX.1-Schnell-CF\",\"width\":1024,"
                        + "\"height\":1024,\"steps\":4,\"seed\":7}")));
    }

    @Test
    void relaysAnErrorAnswerWithItsCodeMessageAndRetryAfter() {
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                .withBody("{\"error\":{\"code\":\"accounts_unavailable\",\"message\":\"Every account is cooling down\"}}")));

        Throwable failure = catchThrowable(() -> images.generate(CALL).await().atMost(Duration.ofSeconds(10)));

        assertThat(failure).isInstanceOfSatisfying(DownstreamException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("accounts_unavailable");
            assertThat(e.getMessage()).isEqualTo("Every account is cooling down");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
    }

    @Test
    void anAnswerThatBreaksOffIsAFailureNeverAnImage() {
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        Throwable failure = catchThrowable(() -> images.generate(CALL).await().atMost(Duration.ofSeconds(10)));

        // Not an error answer to relay: image-service itself failed, which the client sees as a 503.
        assertThat(failure).isNotNull().isNotInstanceOf(DownstreamException.class);
        assertThat(fetcher.held()).isZero();
    }

    @Test
    void aCallerThatLeavesMidImageGetsItsBufferReleased() throws InterruptedException {
        wireMock.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(new byte[300_000]).withChunkedDribbleDelay(30, 3_000)));
        AtomicReference<Object> outcome = new AtomicReference<>();

        Cancellable call = images.generate(CALL).subscribe().with(outcome::set, outcome::set);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (fetcher.held() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(fetcher.held()).as("the image has started to arrive").isOne();
        call.cancel();
        while (fetcher.held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(fetcher.held()).isZero();
        assertThat(outcome).hasValue(null);
    }
}

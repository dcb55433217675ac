package dev.fluxsuite.gateway.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.gateway.rest.RequestIdFilter;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Prompts sent to translation-service (WireMock here), and what its answers and failures mean. */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class TranslationClientTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TranslationClient translation;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @AfterEach
    void forgetTheRequestId() {
        MDC.remove(RequestIdFilter.KEY);
    }

    @Test
    void sendsThePromptWithTheRequestIdAndReadsTheAnswer() {
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"original\":\"一只猫\",\"translated\":\"a cat\",\"sourceLanguage\":\"zh\",\"provider\":"
                        + "\"workers-ai\",\"model\":\"m\",\"enhanced\":true,\"cached\":true,\"fallback\":false,"
                        + "\"elapsedMs\":3}")));
        MDC.put(RequestIdFilter.KEY, "req-7");

        TranslationResult result = translation.translate("一只猫", true).await().atMost(Duration.ofSeconds(10));

        assertThat(result).isEqualTo(new TranslationResult("一只猫", "a cat", "zh", "workers-ai", "m", true, true, false,
                null));
        wireMock.verify(postRequestedFor(urlEqualTo("/v1/translations"))
                .withHeader(RequestIdFilter.HEADER, equalTo("req-7"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"text\":\"一只猫\",\"enhance\":true}")));
    }

    @Test
    void anErrorAnswerMeansTheOriginalPromptAndSaysWhatItWas() {
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"text_too_long\",\"message\":\"The text is too long\"}}")));

        TranslationResult result = translation.translate("一只猫", false).await().atMost(Duration.ofSeconds(10));

        assertThat(result).isEqualTo(TranslationResult.untranslated("一只猫",
                "translation-service answered 400: The text is too long"));
    }

    @Test
    void anAnswerThatIsNotJsonMeansTheOriginalPromptAndSaysSo() {
        wireMock.stubFor(post(urlEqualTo("/v1/translations")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<html>a proxy's page</html>")));

        TranslationResult result = translation.translate("一只猫", false).await().atMost(Duration.ofSeconds(10));

        assertThat(result).isEqualTo(TranslationResult.untranslated("一只猫",
                "translation-service answered 200: an answer that is not the JSON expected"));
    }
}

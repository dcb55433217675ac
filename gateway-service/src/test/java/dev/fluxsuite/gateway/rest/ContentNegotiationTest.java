package dev.fluxsuite.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.fluxsuite.gateway.ServiceAnswers;
import dev.fluxsuite.gateway.ServicesOnWireMock;
import dev.fluxsuite.testsupport.InjectWireMock;
import dev.fluxsuite.testsupport.WireMockWorkersAi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every Accept a real client sends gets the answer it can read: the OpenAI SDKs send {@code application/json} on every
 * call, streaming included, chat front ends {@code text/event-stream}, curl {@code *}/{@code *}, a hand-written fetch
 * often none. {@code stream} picks the form; only an Accept that excludes both is a 406, in the API's error shape.
 */
@QuarkusTest
@TestProfile(ServicesOnWireMock.class)
@QuarkusTestResource(value = WireMockWorkersAi.class, restrictToAnnotatedClass = true)
class ContentNegotiationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectWireMock
    WireMockServer wireMock;

    @TestHTTPResource
    URL gateway;

    @BeforeEach
    void services() {
        ServiceAnswers.fluxAndACat(wireMock);
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/images"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "image/jpeg").withHeader("X-Model", "FLUX.1-Schnell-CF")
                        .withBody(ServiceAnswers.jpeg(2048, 7))));
    }

    /** What real clients send; the empty string stands for no Accept header at all. */
    static Stream<String> whatClientsAccept() {
        return Stream.of("", "*/*", "application/json", "text/event-stream", "application/json, text/event-stream",
                "text/event-stream;q=0.9, application/json;q=0.8", "application/json, text/plain, */*",
                "text/*;q=0.5, application/*");
    }

    @ParameterizedTest
    @MethodSource("whatClientsAccept")
    void chatAnswersJsonOrEventsAsStreamAsksWhateverTheClientAccepts(String accept) throws Exception {
        String messages = "\"model\":\"FLUX.1-Schnell-CF\",\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]";
        assertAnswered(send("/v1/chat/completions", accept, "{" + messages + "}"), "application/json",
                "\"object\":\"chat.completion\"", "}");
        assertAnswered(send("/v1/chat/completions", accept, "{\"stream\":true," + messages + "}"), "text/event-stream",
                "chat.completion.chunk", "data: [DONE]\n\n");
    }

    @ParameterizedTest
    @MethodSource("whatClientsAccept")
    void theSeedApiAnswersJsonOrEventsAsStreamAsksWhateverTheClientAccepts(String accept) throws Exception {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]";
        assertAnswered(send("/api/image", accept, "{" + messages + "}"), "application/json", "\"image\":\"", "}");
        assertAnswered(send("/api/image", accept, "{\"stream\":true," + messages + "}"), "text/event-stream",
                "event: result", "}\n\n");
    }

    private static void assertAnswered(HttpResponse<String> answer, String type, String content, String ending) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith(type);
        assertThat(answer.body()).contains(content).endsWith(ending);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "*/*", "application/json", "application/json, text/event-stream", "application/*" })
    void theJsonEndpointsAnswerJsonToWhateverAcceptsIt(String accept) throws Exception {
        assertThat(send("/api/generate-image", accept, "{\"prompt\":\"a cat\"}").statusCode()).isEqualTo(200);
        assertThat(send("/v1/images/generations", accept, "{\"prompt\":\"a cat\",\"response_format\":\"b64_json\"}")
                .statusCode()).isEqualTo(200);
        assertThat(get("/v1/models", accept).statusCode()).isEqualTo(200);
        assertThat(get("/api/models", accept).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "image/png", "text/html", "application/xml;q=1, image/*;q=0.5" })
    void onlyAnAcceptThatExcludesBothFormsIs406InTheApisErrorShape(String accept) throws Exception {
        HttpResponse<String> chat = send("/v1/chat/completions", accept,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]}");
        assertThat(chat.statusCode()).isEqualTo(406);
        assertThat(chat.body()).contains("\"code\":\"not_acceptable\"", "\"type\":\"invalid_request_error\"");

        HttpResponse<String> seed = send("/api/image", accept, "{\"messages\":[{\"role\":\"user\",\"content\":\"a cat\"}]}");
        assertThat(seed.statusCode()).isEqualTo(406);
        assertThat(seed.body()).contains("\"code\":\"not_acceptable\"", "\"error\":\"This endpoint answers");
    }

    private HttpResponse<String> send(String path, String accept, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path.substring(1)))
                .header("Authorization", "Bearer test-key").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(accept.isEmpty() ? request.build() : request.header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path.substring(1)));
        return HTTP.send(accept.isEmpty() ? request.build() : request.header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

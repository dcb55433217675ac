package dev.fluxsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import dev.fluxsuite.testsupport.InjectSuite;
import dev.fluxsuite.testsupport.Secrets;
import dev.fluxsuite.testsupport.SuiteControl;
import dev.fluxsuite.testsupport.SuiteTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * A generated corpus of malformed requests to every public endpoint that takes input: each is a 4xx that says
 * what is wrong, never a 5xx, and every service is still ready afterwards. The requests are written byte for
 * byte, so that what well-behaved clients refuse to send (broken UTF-8, control characters, raw paths) is sent.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = SuiteTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String KEY = "Authorization: Bearer suite-key-1\r\n";
    private static final String JSON = "Content-Type: application/json\r\n";
    private static final String MEGABYTE = "x".repeat(1_100_000);
    private static final List<String> ANSWERS = new CopyOnWriteArrayList<>();

    @InjectSuite
    SuiteControl suite;

    /** One malformed request. */
    record Case(String name, String method, String path, String headers, byte[] body) {

        static Case json(String name, String path, String body) {
            return new Case(name, "POST", path, KEY + JSON, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An endpoint that takes a JSON body: a valid body, field by field, and what each field must be. */
    record Endpoint(String path, Map<String, String> valid, Map<String, List<String>> wrong) {

        String with(String field, String value) {
            Map<String, String> body = new LinkedHashMap<>(valid);
            if (value == null) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
            return object(body);
        }

        static String object(Map<String, String> fields) {
            StringBuilder json = new StringBuilder("{");
            fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                    .append("\":").append(value));
            return json.append('}').toString();
        }
    }

    private static final List<String> NOT_A_STRING = List.of("123", "true", "[]", "{}");
    private static final List<String> NOT_AN_INTEGER = List.of("\"many\"", "2.5", "true", "[]", "{}",
            "99999999999999999999");
    private static final List<String> NOT_A_PROMPT = List.of("null", "\"\"", "\"   \"", "\"" + "x".repeat(2049) + "\"");
    private static final List<String> NOT_MESSAGES = List.of("null", "\"a cat\"", "[]", "[null]", "[{}]", "{}",
            "[{\"role\":\"user\"}]", "[{\"role\":\"user\",\"content\":123}]", "[{\"role\":\"user\",\"content\":\"\"}]",
            "[{\"role\":\"assistant\",\"content\":\"a cat\"}]", "[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]");
    private static final List<String> NOT_A_SIZE = List.of("\"big\"", "\"0x0\"", "\"-256x-256\"", "\"99999x99999\"",
            "\"256x\"", "\"256\"", "\"256x256x256\"", "\"100x100\"", "\"257x255\"");
    private static final List<String> NOT_STEPS = List.of("-1", "0", "1000", "2147483648");
    // A blank model is the default model, as an absent one.
    private static final List<String> NOT_A_MODEL = List.of("\"dall-e-3\"", "\"../../etc/passwd\"", "\"@cf/unknown/model\"");

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/image",
                    ordered("messages", "[{\"role\":\"user\",\"content\":\"a cat\"}]", "model", "\"DS-8-CF\"", "size",
                            "\"256x256\""),
                    ordered("messages", NOT_MESSAGES, "model", concat(NOT_A_STRING, NOT_A_MODEL), "size",
                            concat(NOT_A_STRING, NOT_A_SIZE),
                            "steps", concat(NOT_AN_INTEGER, NOT_STEPS), "seed", List.of("\"x\"", "1e400", "[]"),
                            "stream", List.of("\"yes\"", "3", "[]"), "enhance", List.of("\"no\"", "{}"),
                            "negativePrompt", NOT_A_STRING)),
            new Endpoint("/api/generate-image",
                    ordered("prompt", "\"a cat\"", "model", "\"DS-8-CF\"", "size", "\"256x256\""),
                    ordered("prompt", concat(NOT_A_STRING, NOT_A_PROMPT), "model", NOT_A_MODEL, "size", NOT_A_SIZE,
                            "steps", concat(NOT_AN_INTEGER, NOT_STEPS))),
            new Endpoint("/v1/images/generations",
                    ordered("prompt", "\"a cat\"", "model", "\"DS-8-CF\"", "size", "\"256x256\""),
                    ordered("prompt", concat(NOT_A_STRING, NOT_A_PROMPT), "model", NOT_A_MODEL, "size", NOT_A_SIZE,
                            "n", concat(NOT_AN_INTEGER, List.of("-1", "0", "5", "1000000")),
                            "response_format", List.of("\"xml\"", "\"\"", "3"))),
            new Endpoint("/v1/chat/completions",
                    ordered("model", "\"DS-8-CF\"", "messages", "[{\"role\":\"user\",\"content\":\"a cat\"}]"),
                    ordered("messages", NOT_MESSAGES, "model", concat(NOT_A_STRING, NOT_A_MODEL),
                            "stream", List.of("\"yes\"", "3", "[]"))));

    private static final List<String> BROKEN_JSON = List.of("", "{", "}", "[", "{\"prompt\":", "{'prompt':'a cat'}",
            "{\"prompt\":\"a cat\",}", "nul", "{\"prompt\" \"a cat\"}", "{\"prompt\":\"a cat\"}}", "[]", "\"a cat\"", "42",
            "null", "{\"prompt\":\"a \\q cat\"}", "{\"prompt\":NaN}");
    private static final List<String> BAD_AUTHORIZATION = List.of("", "Authorization: \r\n", "Authorization: Bearer\r\n",
            "Authorization: Bearer \r\n", "Authorization: Basic c3VpdGUta2V5LTE6\r\n", "Authorization: Bearer wrong-key\r\n",
            "Authorization: Token suite-key-1\r\n", "Authorization: Bearer suite-key-1 suite-key-2\r\n",
            "Authorization: Bearer suite-key-10\r\n", "Authorization: Bearer " + "k".repeat(4000) + "\r\n");
    // No Content-Type at all is read as JSON, as the seed reads every body.
    private static final List<String> WRONG_CONTENT_TYPES = List.of("Content-Type: text/plain\r\n",
            "Content-Type: application/xml\r\n", "Content-Type: application/x-www-form-urlencoded\r\n",
            "Content-Type: multipart/form-data; boundary=x\r\n", "Content-Type: image/png\r\n");
    private static final List<String> IMAGE_PATHS = List.of("/images/../../etc/passwd", "/images/..%2F..%2Fetc%2Fpasswd",
            "/images/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/images/....//....//etc/passwd", "/images/%00",
            "/images/" + "a".repeat(3000), "/images/", "/images/%C0%AE%C0%AE%2F", "/images/0123456789abcdef0123456789abcdef",
            "/images/x?id=../../etc/passwd");

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyMalformedRequestIsA4xxThatSaysWhatIsWrong() {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        return corpus.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RawHttp answer = RawHttp.send(host(), RestAssured.port, c.method() + " " + c.path() + " HTTP/1.1\r\n" + c.headers(),
                    c.body());
            ANSWERS.add(answer.head() + "\n" + answer.body());
            assertThat(answer.status()).as("%s answered %s", c.name(), answer.head() + "\n" + answer.body())
                    .isBetween(400, 499);
            assertThat(message(answer)).as("the message of %s: %s", c.name(), answer.body()).isNotBlank();
        }));
    }

    /** The HTTP server refuses these before any endpoint sees them: the status line is all there is to say. */
    @TestFactory
    @Order(2)
    Stream<DynamicTest> requestLinesThatAreNotHttpAre400() {
        return Stream.of("/images/%ZZ", "/images/..\\..\\windows\\win.ini", "/images/a b", "/images/\u0001")
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    RawHttp answer = RawHttp.send(host(), RestAssured.port, "GET " + path + " HTTP/1.1\r\n", new byte[0]);
                    ANSWERS.add(answer.head() + "\n" + answer.body());
                    assertThat(answer.status()).as(answer.head()).isEqualTo(400);
                }));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> headersAClientForgesAreNeverEchoed() {
        return Stream.of("X-Request-Id: abc\rSet-Cookie: session=stolen\r\n", "X-Request-Id: <script>alert(1)</script>\r\n",
                "X-Request-Id: " + "r".repeat(500) + "\r\n", "X-Request-Id: line\u0000break\r\n")
                .map(header -> DynamicTest.dynamicTest(header.strip(), () -> {
                    RawHttp answer = RawHttp.send(host(), RestAssured.port, "POST /api/generate-image HTTP/1.1\r\n" + KEY
                            + JSON + header, new byte[0]);
                    ANSWERS.add(answer.head() + "\n" + answer.body());
                    assertThat(answer.status()).as(answer.head()).isBetween(400, 499);
                    assertThat(answer.head()).doesNotContain("stolen", "<script>", "rrrrrrrrrr");
                }));
    }

    @Test
    @Order(4)
    void everyServiceIsStillReadyAndNothingLeaked() {
        given().get("/q/health/ready").then().statusCode(200);
        for (String service : List.of(suite.translation().baseUrl(), suite.image().baseUrl())) {
            given().baseUri(service).port(URI.create(service).getPort()).get("/q/health/ready").then().statusCode(200);
        }
        given().header("Authorization", "Bearer suite-key-1").contentType("application/json")
                .body("{\"prompt\":\"a cat\",\"model\":\"DS-8-CF\",\"size\":\"256x256\"}").post("/api/generate-image").then()
                .statusCode(200);
        assertThat(Secrets.leaks(Secrets.SUITE, ANSWERS, Secrets.SUITE_LOGS)).isEmpty();
    }

    private static List<Case> corpus() {
        List<Case> corpus = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            String path = endpoint.path();
            String valid = Endpoint.object(endpoint.valid());
            BROKEN_JSON.forEach(body -> corpus.add(Case.json(path + " body " + body, path, body)));
            corpus.add(Case.json(path + " cut short", path, valid.substring(0, valid.length() / 2)));
            endpoint.wrong().forEach((field, values) -> values.forEach(value -> corpus.add(Case.json(
                    path + " " + field + "=" + abbreviate(value), path, endpoint.with(field, value)))));
            corpus.add(Case.json(path + " an unknown field", path, endpoint.with("promt", "\"a cat\"")));
            corpus.add(Case.json(path + " a 1 MB field", path, endpoint.with("model", "\"" + MEGABYTE + "\"")));
            corpus.add(new Case(path + " invalid UTF-8", "POST", path, KEY + JSON,
                    withBytes(endpoint.with("model", "\"DS-8-CF\"").replace("DS-8-CF", "\u0001"),
                            new byte[] { (byte) 0xC3, 0x28 })));
            corpus.add(new Case(path + " a lone surrogate", "POST", path, KEY + JSON,
                    endpoint.with("model", "\"\\ud800\"").getBytes(StandardCharsets.UTF_8)));
            BAD_AUTHORIZATION.forEach(header -> corpus.add(new Case(path + " " + (header.isEmpty() ? "no Authorization"
                    : abbreviate(header.strip())), "POST", path, header + JSON, valid.getBytes(StandardCharsets.UTF_8))));
            WRONG_CONTENT_TYPES.forEach(header -> corpus.add(new Case(path + " " + header.strip(), "POST", path, KEY + header,
                    valid.getBytes(StandardCharsets.UTF_8))));
            for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                corpus.add(new Case(method + " " + path, method, path, KEY + JSON, new byte[0]));
            }
        }
        IMAGE_PATHS.forEach(path -> corpus.add(new Case("GET " + abbreviate(path), "GET", path, "", new byte[0])));
        return corpus;
    }

    /** The message of either error shape, or of a plain-text answer. */
    private static String message(RawHttp answer) {
        String body = answer.body().strip();
        if (!body.startsWith("{")) {
            return body;
        }
        JsonPath json = JsonPath.from(body);
        Object error = json.get("error");
        return error instanceof Map<?, ?> ? json.getString("error.message") : json.getString("error");
    }

    private static byte[] withBytes(String json, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = json.split("\u0001", 2);
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String host() {
        return URI.create(RestAssured.baseURI).getHost();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "… (" + value.length() + " chars)" : value;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return map;
    }
}

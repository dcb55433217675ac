package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsumersTest {

    @Test
    void identifiesEachKeysConsumer() {
        Consumers consumers = new Consumers(List.of("key-one", " key-two "), Optional.of(
                "[{\"name\":\"mobile-app\",\"key\":\"mobile-key\",\"requestsPerMinute\":30,\"imagesPerDay\":200}]"));

        assertThat(consumers.identify("key-two")).map(Consumer::name).contains(Consumer.API_KEY);
        Consumer mobile = consumers.identify("mobile-key").orElseThrow();
        assertThat(mobile.name()).isEqualTo("mobile-app");
        assertThat(mobile.requestsPerMinute()).isEqualTo(30);
        assertThat(mobile.imagesPerDay()).isEqualTo(200);
        assertThat(consumers.identify("mobile-key ")).isEmpty();
        assertThat(consumers.identify("")).isEmpty();
        assertThat(consumers.identify(null)).isEmpty();
    }

    @Test
    void withoutKeysNothingIsAccepted() {
        Consumers consumers = new Consumers(List.of(), Optional.empty());

        assertThat(consumers.configured()).isFalse();
        assertThat(consumers.identify("anything")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON             | `[{"name":"a","key":"s3cret-key"`                                 | API_CONSUMERS is not valid JSON (line 1
            not an array         | `{"name":"a","key":"s3cret-key"}`                                 | API_CONSUMERS must be a JSON array
            no name              | `[{"key":"s3cret-key"}]`                                          | API_CONSUMERS entry 0 needs a name
            a bad name           | `[{"name":"a b","key":"s3cret-key"}]`                             | API_CONSUMERS entry 0 needs a name
            no key               | `[{"name":"a"}]`                                                  | API_CONSUMERS entry 0 ('a') needs either key or keySha256
            both keys            | `[{"name":"a","key":"s3cret-key","keySha256":"00"}]`              | ('a') needs either key or keySha256 (the key's SHA-256 in hex), not both
            a short digest       | `[{"name":"a","keySha256":"abc"}]`                                | ('a'): keySha256 must be 64 hex digits
            a limit of 0         | `[{"name":"a","key":"s3cret-key","requestsPerMinute":0}]`         | ('a'): requestsPerMinute must be a whole number of at least 1
            a fractional limit   | `[{"name":"a","key":"s3cret-key","imagesPerDay":2.5}]`            | ('a'): imagesPerDay must be a whole number of at least 1
            an unknown field     | `[{"name":"a","key":"s3cret-key","rpm":3}]`                       | API_CONSUMERS entry 0 has an unknown field 'rpm'
            a repeated name      | `[{"name":"a","key":"s3cret-key"},{"name":"a","key":"other"}]`    | API_CONSUMERS entry 1 repeats the name 'a'
            a repeated key       | `[{"name":"a","key":"s3cret-key"},{"name":"b","key":"s3cret-key"}]` | API_CONSUMERS entry 1 ('b') has the key of another consumer or of API_KEY
            API_KEY's key        | `[{"name":"a","key":"api-s3cret"}]`                               | API_CONSUMERS entry 0 ('a') has the key of another consumer or of API_KEY
            API_KEY's name       | `[{"name":"api-key","key":"s3cret-key"}]`                         | repeats the name 'api-key', which names the keys of API_KEY
            """)
    void aMalformedListStopsTheStartNamingEntryAndFieldNeverAKey(String name, String json, String message) {
        assertThatThrownBy(() -> new Consumers(List.of("api-s3cret"), Optional.of(json)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}

package dev.fluxsuite.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void acceptsAnyOfSeveralKeysAndNothingElse() {
        ApiKeys keys = new ApiKeys(List.of("key-one", " key-two "));

        assertThat(keys.accepts("key-one")).isTrue();
        assertThat(keys.accepts("key-two")).isTrue();
        assertThat(keys.accepts("key-on")).isFalse();
        assertThat(keys.accepts("key-one ")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(keys.count()).isEqualTo(2);
    }

    @Test
    void withoutKeysNothingIsAccepted() {
        ApiKeys keys = new ApiKeys(List.of());

        assertThat(keys.configured()).isFalse();
        assertThat(keys.accepts("anything")).isFalse();
    }
}

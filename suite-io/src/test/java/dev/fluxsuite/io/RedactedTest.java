package dev.fluxsuite.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedTest {

    @ParameterizedTest
    @CsvSource({
            "http://svc:s3cret@image-service:8082/v1, http://***@image-service:8082/v1",
            "https://token@api.example.com, https://***@api.example.com",
            "https://a:b@c@host/x?y=z@w, https://***@host/x?y=z@w",
            "http://image-service:8082/a@b, http://image-service:8082/a@b",
            "ftp://x, ftp://x"
    })
    void showsAUrlWithoutItsUserAndPassword(String url, String shown) {
        assertThat(Redacted.url(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({ "http://svc:s3cret@a b", "http://svc:s3cret@host/%zz" })
    void saysWhatIsWrongWithAUriWithoutRepeatingIt(String url) {
        IllegalArgumentException refusal = catchThrowableOfType(IllegalArgumentException.class, () -> URI.create(url));

        assertThat(Redacted.problem(refusal)).doesNotContain("s3cret").containsPattern(" at index \\d+");
    }
}

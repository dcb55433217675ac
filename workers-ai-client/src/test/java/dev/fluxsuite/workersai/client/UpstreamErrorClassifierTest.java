package dev.fluxsuite.workersai.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UnknownModelException;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.WorkersAiException;

class UpstreamErrorClassifierTest {

    private static String envelope(int code, String message) {
        return "{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[]}";
    }

    @Test
    void capacityIs3040() {
        WorkersAiException e = UpstreamErrorClassifier.classify("Workers AI", 429, null,
                envelope(3040, "Capacity temporarily exceeded, please try again."));

        assertThat(e).isInstanceOf(CapacityExceededException.class);
        assertThat(e.code()).contains(3040);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo(
                "Workers AI answered 429 (3040: Capacity temporarily exceeded, please try again.)");
    }

    @Test
    void dailyQuotaIs4006Or3036OrItsWording() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 429, null, envelope(4006,
                "you have used up your daily free allocation of 10,000 neurons"))).isInstanceOf(QuotaExhaustedException.class);
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 429, null, envelope(3036, "Account limited")))
                .isInstanceOf(QuotaExhaustedException.class);
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 429, null, envelope(9999,
                "4006: you have used up your daily free allocation of 10,000 neurons")))
                .isInstanceOf(QuotaExhaustedException.class);
    }

    @Test
    void unknownModelIsNeverRetried() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 400, null, envelope(5007, "No such model")))
                .isInstanceOf(UnknownModelException.class).matches(e -> !e.retryable());
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 404, null, envelope(3042, "Invalid model ID")))
                .isInstanceOf(UnknownModelException.class);
    }

    @Test
    void badInputIsNeverRetried() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 400, null, envelope(5006, "Bad input")))
                .isInstanceOf(InvalidInputException.class).matches(e -> !e.retryable());
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 413, null, envelope(3006, "Request is too large")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusedTokenIsAnAccountProblem() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 401, null, envelope(10000, "Authentication error")))
                .isInstanceOf(AuthenticationFailedException.class).matches(WorkersAiException::retryable);
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 403, null, envelope(3023, "Account blocked")))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void serverErrorsAndUpstreamTimeoutsAreRetryable() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 500, null, "<html>oops</html>"))
                .isInstanceOf(UpstreamServerException.class).hasMessage("Workers AI answered 500");
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 408, null, envelope(3007, "Timeout")))
                .isInstanceOf(UpstreamServerException.class);
    }

    @Test
    void retryAfterIsReadAsSecondsOrDate() {
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 429, "17", "").retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 503, "Wed, 21 Oct 2015 07:28:00 GMT", "").retryAfter())
                .contains(Duration.ZERO);
        assertThat(UpstreamErrorClassifier.classify("Workers AI", 429, "soon", "").retryAfter()).isEmpty();
    }

    @Test
    void readsOpenAiShapedErrorsOfOtherUpstreams() {
        WorkersAiException e = UpstreamErrorClassifier.classify("The external chat API", 429, "3",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}");

        assertThat(e).isInstanceOf(CapacityExceededException.class);
        assertThat(e.getMessage()).isEqualTo("The external chat API answered 429 (Rate limit reached)");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void longUpstreamMessagesAreCut() {
        String message = UpstreamErrorClassifier.classify("Workers AI", 400, null, envelope(5006, "x".repeat(5000)))
                .getMessage();

        assertThat(message.length()).isLessThan(400);
    }
}

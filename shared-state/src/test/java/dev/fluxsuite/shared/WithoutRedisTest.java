package dev.fluxsuite.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WithoutRedisTest {

    @Inject
    SharedState shared;

    @Test
    void keepsStateInMemoryAndStaysReady() {
        assertThat(shared.configured()).isFalse();
        assertThat(shared.link().state()).isEqualTo(SharedState.State.NOT_CONFIGURED);
        assertThat(shared.call(ds -> ds.execute("PING")).onFailure().recoverWithNull().await()
                .atMost(Duration.ofSeconds(1))).isNull();
        given().get("/q/health/ready").then().statusCode(200).body(containsString("not configured"));
    }
}

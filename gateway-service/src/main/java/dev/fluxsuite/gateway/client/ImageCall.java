package dev.fluxsuite.gateway.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of image-service's {@code POST /v1/images}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ImageCall(String prompt, String model, Integer width, Integer height, Integer steps, Long seed,
        String negativePrompt, Double guidance) {
}

package dev.fluxsuite.image.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The image service's settings. */
@ConfigMapping(prefix = "image")
public interface ImageConfig {

    /**
     * Model aliases and the Workers AI models they stand for, as the JSON object
     * {@code {"alias":"@cf/…"}} ({@code CUSTOMER_MODEL_MAP}); the first is the default model. Unset: the
     * seed's four aliases.
     */
    Optional<String> customerModelMap();

    /** Steps Flux takes when a request names none ({@code FLUX_NUM_STEPS}), 1 to 8. */
    @WithDefault("4")
    int fluxNumSteps();

    /**
     * Models to use instead when every account is out for the asked one or its circuit breaker is open, as
     * comma-separated {@code asked=instead} pairs of aliases ({@code IMAGE_FALLBACK_MODELS}), e.g.
     * {@code FLUX.1-Schnell-CF=SD-XL-Lightning-CF}. None by default.
     */
    Optional<List<String>> fallbackModels();

    /** Generations one instance waits for at once (the bulkhead); each holds an upstream connection meanwhile. */
    @WithDefault("1024")
    int maxConcurrent();

    /** Generations that may wait for a place beyond {@link #maxConcurrent()}; more are answered 503. */
    @WithDefault("1024")
    int maxQueued();

    /** How long one generation may take upstream, retries included, per model family. */
    Timeouts timeout();

    /** The circuit breaker each upstream model has. */
    Breaker breaker();

    interface Timeouts {
        /** Flux answers within seconds. */
        @WithDefault("30s")
        Duration flux();

        /** SDXL base can take tens of seconds at 2048x2048. */
        @WithDefault("120s")
        Duration stableDiffusion();

        /** Leonardo's partner models. */
        @WithDefault("120s")
        Duration leonardo();
    }

    interface Breaker {
        /** Calls the breaker looks at before it may open. */
        @WithDefault("20")
        int requestVolume();

        /** Share of failed calls among them that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through. */
        @WithDefault("10s")
        Duration delay();
    }
}

package dev.fluxsuite.emulator.service;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fluxsuite.emulator.config.EmulatorConfig;

/**
 * Answers {@code POST …/ai/run/{model}} the way Workers AI does: the token, then the fault in force, then
 * the model and its input schema, then the model's own answer format. Waits (latency, the timeout fault)
 * sleep the calling virtual thread, so thousands of held calls cost no platform thread.
 */
@ApplicationScoped
public class RunService {

    static final String CAPACITY = "Capacity temporarily exceeded, please try again.";
    static final String DAILY_QUOTA = "you have used up your daily free allocation of 10,000 neurons, please upgrade "
            + "to Cloudflare's Workers Paid plan if you would like to continue usage.";

    private final EmulatedAccounts accounts;
    private final ModelCatalog catalog;
    private final FaultController faults;
    private final EmulatorStats stats;
    private final ImageRenderer renderer;
    private final TextAnswers texts;
    private final ObjectMapper mapper;
    private final Duration timeoutHold;

    RunService(EmulatedAccounts accounts, ModelCatalog catalog, FaultController faults, EmulatorStats stats,
            ImageRenderer renderer, TextAnswers texts, ObjectMapper mapper, EmulatorConfig config) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.faults = faults;
        this.stats = stats;
        this.renderer = renderer;
        this.texts = texts;
        this.mapper = mapper;
        this.timeoutHold = config.timeoutHold();
    }

    /** Cloudflare's authentication error, counted, when the token is not the account's; empty when it is. */
    public Optional<EmulatorAnswer> refused(String accountId, String modelName, String authorization) {
        if (accounts.authorized(accountId, authorization)) {
            return Optional.empty();
        }
        stats.record(accounts.known(accountId) ? accountId : EmulatorStats.UNKNOWN, modelName, Outcome.UNAUTHORIZED);
        return Optional.of(EmulatorAnswer.error(401, 10000, "Authentication error"));
    }

    public EmulatorAnswer run(String accountId, String modelName, String authorization, byte[] body) {
        EmulatorAnswer refusal = refused(accountId, modelName, authorization).orElse(null);
        if (refusal != null) {
            return refusal;
        }
        sleep(Duration.ofMillis(faults.latencyMs(accountId, modelName)));
        FaultMode fault = faults.decide(accountId, modelName);
        EmulatorAnswer faulted = switch (fault) {
            case RATE_LIMIT -> EmulatorAnswer.error(429, 3040, CAPACITY);
            case QUOTA_EXHAUSTED -> EmulatorAnswer.error(429, 4006, DAILY_QUOTA);
            case SERVER_ERROR -> EmulatorAnswer.error(500, 3043, "Internal server error");
            case TIMEOUT -> {
                sleep(timeoutHold);
                yield EmulatorAnswer.error(408, 3007, "Request timeout");
            }
            case NONE, MALFORMED -> null;
        };
        if (faulted != null) {
            stats.record(accountId, modelName, outcomeOf(fault));
            return faulted;
        }
        EmulatedModel model = catalog.find(modelName).orElse(null);
        if (model == null) {
            stats.record(accountId, modelName, Outcome.UNKNOWN_MODEL);
            return EmulatorAnswer.error(400, 5007, "No such model " + modelName + " or task");
        }
        JsonNode input;
        try {
            input = mapper.readTree(body);
        } catch (Exception e) {
            stats.record(accountId, modelName, Outcome.BAD_INPUT);
            return EmulatorAnswer.error(400, 5006, "Bad input: the request body is not valid JSON");
        }
        String violation = InputValidator.violation(model, input).orElse(null);
        if (violation != null) {
            stats.record(accountId, modelName, Outcome.BAD_INPUT);
            return EmulatorAnswer.error(400, 5006, "Bad input: Error: " + violation);
        }
        if (fault == FaultMode.MALFORMED) {
            stats.record(accountId, modelName, Outcome.MALFORMED);
            return EmulatorAnswer.success(mapper.createObjectNode().put("unexpected", "an emulated malformed answer"));
        }
        stats.record(accountId, modelName, Outcome.OK);
        return answer(model, (ObjectNode) input);
    }

    private EmulatorAnswer answer(EmulatedModel model, ObjectNode input) {
        return switch (model.answer()) {
            case JSON_JPEG_FIXED -> jsonImage(image(model, input, model.defaultSize(), model.defaultSize(), true));
            case JSON_JPEG -> jsonImage(image(model, input, size(input, "width", model), size(input, "height", model), true));
            case RAW_PNG -> EmulatorAnswer.raw("image/png",
                    image(model, input, size(input, "width", model), size(input, "height", model), false));
            case RAW_JPEG -> EmulatorAnswer.raw("image/jpeg",
                    image(model, input, size(input, "width", model), size(input, "height", model), true));
            case CHAT -> texts.chat(model.name(), input);
            case TRANSLATION -> texts.translation(input);
        };
    }

    private EmulatorAnswer jsonImage(byte[] jpeg) {
        return EmulatorAnswer.success(mapper.createObjectNode().put("image", Base64.getEncoder().encodeToString(jpeg)));
    }

    private byte[] image(EmulatedModel model, JsonNode input, int width, int height, boolean jpeg) {
        // Same model, prompt and seed: same picture. Without a seed the prompt alone decides.
        long seed = (model.name() + '\n' + input.path("prompt").asText()).hashCode() * 1_000_003L
                + input.path("seed").asLong(0);
        return renderer.render(width, height, seed, jpeg);
    }

    /** A width or height from the request; absent or 0 (which the partner schemas allow) means the model's default. */
    private static int size(JsonNode input, String field, EmulatedModel model) {
        int value = input.path(field).asInt(0);
        return value > 0 ? value : model.defaultSize();
    }

    private static Outcome outcomeOf(FaultMode fault) {
        return switch (fault) {
            case RATE_LIMIT -> Outcome.RATE_LIMITED;
            case QUOTA_EXHAUSTED -> Outcome.QUOTA_EXHAUSTED;
            case SERVER_ERROR -> Outcome.SERVER_ERROR;
            case TIMEOUT -> Outcome.TIMEOUT;
            case MALFORMED -> Outcome.MALFORMED;
            case NONE -> Outcome.OK;
        };
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

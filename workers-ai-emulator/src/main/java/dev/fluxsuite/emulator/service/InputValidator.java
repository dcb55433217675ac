package dev.fluxsuite.emulator.service;

import java.util.Iterator;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks a request body against a model's schema, as Workers AI does before it runs the model. */
final class InputValidator {

    private InputValidator() {
    }

    /** The first violation, in Workers AI's words, or empty when the input fits the schema. */
    static Optional<String> violation(EmulatedModel model, JsonNode input) {
        if (input == null || !input.isObject()) {
            return Optional.of("Type mismatch of '/', '" + (input == null ? "null" : input.getNodeType().name().toLowerCase())
                    + "' not in 'object'");
        }
        if (model.answer() == EmulatedModel.Answer.CHAT && input.has("prompt") == input.has("messages")) {
            return Optional.of("oneOf at '/' not met, " + (input.has("prompt") ? 2 : 0) + " matches required");
        }
        for (Field field : model.fields()) {
            JsonNode value = input.get(field.name());
            if (value == null) {
                if (field.required()) {
                    return Optional.of("required properties at '/' are '" + field.name() + "'");
                }
                continue;
            }
            String problem = field.violation(value);
            if (problem != null) {
                return Optional.of(problem);
            }
        }
        if (model.answer() == EmulatedModel.Answer.CHAT) {
            for (JsonNode message : input.path("messages")) {
                if (!message.path("role").isTextual() || !message.path("content").isTextual()) {
                    return Optional.of("required properties at '/messages/n' are 'role,content'");
                }
            }
        }
        if (model.strict()) {
            for (Iterator<String> names = input.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (model.fields().stream().noneMatch(f -> f.name().equals(name))) {
                    return Optional.of("additionalProperties '" + name + "' not allowed at '/'");
                }
            }
        }
        return Optional.empty();
    }
}

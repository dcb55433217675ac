package dev.fluxsuite.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input property of a model's JSON schema, as Cloudflare publishes it: its type and bounds (lengths for
 * strings, values for numbers).
 */
public record Field(String name, Type type, Double min, Double max, boolean required) {

    public enum Type {
        STRING("string"),
        INTEGER("integer"),
        NUMBER("number"),
        BOOLEAN("boolean"),
        ARRAY("array");

        private final String schemaName;

        Type(String schemaName) {
            this.schemaName = schemaName;
        }

        boolean matches(JsonNode value) {
            return switch (this) {
                case STRING -> value.isTextual();
                case INTEGER ->
                    value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
                case NUMBER -> value.isNumber();
                case BOOLEAN -> value.isBoolean();
                case ARRAY -> value.isArray();
            };
        }
    }

    public static Field required(String name, Type type, Double min, Double max) {
        return new Field(name, type, min, max, true);
    }

    public static Field optional(String name, Type type, Double min, Double max) {
        return new Field(name, type, min, max, false);
    }

    /** The schema violation of {@code value}, in the wording of Workers AI's validator, or null when it fits. */
    String violation(JsonNode value) {
        if (!type.matches(value)) {
            return "Type mismatch of '/" + name + "', '" + jsonType(value) + "' not in '" + type.schemaName + "'";
        }
        double measured = type == Type.STRING ? value.asText().length() : type == Type.ARRAY ? value.size() : value.asDouble();
        String unit = type == Type.STRING ? " characters" : type == Type.ARRAY ? " items" : "";
        if (min != null && measured < min) {
            return "'/" + name + "' must be >= " + format(min) + unit;
        }
        if (max != null && measured > max) {
            return "'/" + name + "' must be <= " + format(max) + unit;
        }
        return null;
    }

    private static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> "object";
        };
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}

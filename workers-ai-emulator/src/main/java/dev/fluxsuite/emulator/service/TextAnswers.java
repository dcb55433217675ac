package dev.fluxsuite.emulator.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chat and translation answers. They say plainly that they are emulated and echo the text they were given:
 * the emulator translates nothing for real.
 */
@ApplicationScoped
public class TextAnswers {

    private final ObjectMapper mapper;

    TextAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code result.response}, or server-sent events ending in {@code [DONE]} when {@code stream} is true. */
    EmulatorAnswer chat(String model, JsonNode input) {
        String text = "[emulated " + model + "] " + lastUserText(input);
        if (input.path("stream").asBoolean(false)) {
            StringBuilder events = new StringBuilder();
            for (String piece : pieces(text)) {
                events.append("data: ").append(mapper.createObjectNode().put("response", piece)).append("\n\n");
            }
            return EmulatorAnswer.text("text/event-stream", events.append("data: [DONE]\n\n").toString());
        }
        int promptTokens = tokens(input.toString());
        int completionTokens = tokens(text);
        ObjectNode result = mapper.createObjectNode().put("response", text);
        result.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        result.putArray("tool_calls");
        return EmulatorAnswer.success(result);
    }

    /** {@code result.translated_text}, marked with the language pair. */
    EmulatorAnswer translation(JsonNode input) {
        String pair = input.path("source_lang").asText("en") + "->" + input.path("target_lang").asText();
        return EmulatorAnswer.success(mapper.createObjectNode()
                .put("translated_text", "[emulated " + pair + "] " + input.path("text").asText()));
    }

    private static String lastUserText(JsonNode input) {
        if (input.has("prompt")) {
            return input.path("prompt").asText();
        }
        JsonNode messages = input.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i).path("content").asText();
            }
        }
        return "";
    }

    /** Word-sized pieces, as a streaming model sends them. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private static int tokens(String text) {
        return Math.max(1, text.length() / 4);
    }
}

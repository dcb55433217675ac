package dev.fluxsuite.gateway.service;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/** The prompt inside a chat conversation: the last user message's text. */
public final class Prompts {

    private Prompts() {
    }

    /**
     * @param role and content read each message's role and content (text, or a list of parts of which the
     *        {@code text} ones count)
     * @throws BadRequestException when there is no user message with text
     */
    public static <M> String lastUserText(List<M> messages, Function<M, String> role, Function<M, JsonNode> content) {
        if (messages != null) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                M message = messages.get(i);
                if (message != null && "user".equals(role.apply(message))) {
                    String text = text(content.apply(message));
                    if (!text.isBlank()) {
                        return text.strip();
                    }
                }
            }
        }
        throw new BadRequestException("messages", "missing_prompt",
                "messages must hold a user message with the prompt, like [{\"role\":\"user\",\"content\":\"a cute cat\"}]");
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
            }
        }
        return text.toString();
    }
}

package dev.fluxsuite.translation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes one clean line of prompt out of what a chat model says: no reasoning block, no preamble such as
 * "Here is the prompt:", no code fence, no quotes around it, no line breaks or list bullets, at most
 * {@value #MAX_LENGTH} characters (cut at a comma where it can be).
 */
public final class PromptCleaner {

    public static final int MAX_LENGTH = 2048;

    private static final Pattern THINK = Pattern.compile("(?is)<think>.*?</think>");
    private static final Pattern UNCLOSED_THINK = Pattern.compile("(?is)<think>.*");
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*");
    /** The tags the text was sent between, which a model may echo. */
    private static final Pattern TEXT_TAGS = Pattern.compile("(?i)</?text>");
    private static final Pattern PREAMBLE_LINE = Pattern.compile(
            "(?i)^(sure|okay|ok|certainly|of course|here(?:'s| is| are)|below is|the translation|translation|translated"
                    + "(?: text)?|prompt|english prompt|image prompt|output|result)\\b[^:]{0,80}:\\s*$");
    private static final Pattern PREAMBLE_PREFIX = Pattern.compile(
            "(?i)^(?:(?:sure|okay|certainly)[,!.]?\\s*)?(?:here(?:'s| is)[^:]{0,60}|(?:english |image )?prompt|translation"
                    + "|translated(?: text)?|output|result)\\s*:\\s*");
    private static final Pattern NOTE = Pattern.compile("(?i)^\\(?(note|explanation|translation notes?)\\b.*");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");
    private static final String QUOTES = "\"'`“”‘’「」『』«»";

    private PromptCleaner() {
    }

    /** The cleaned prompt; empty when nothing but reasoning or preamble was said. */
    public static String clean(String answer) {
        String text = THINK.matcher(answer).replaceAll(" ");
        text = UNCLOSED_THINK.matcher(text).replaceAll(" ");
        text = FENCE.matcher(text).replaceAll("\n");
        text = TEXT_TAGS.matcher(text).replaceAll("\n");
        List<String> parts = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String part = line.strip();
            if (part.isEmpty() || PREAMBLE_LINE.matcher(part).matches() || NOTE.matcher(part).matches()) {
                continue;
            }
            part = PREAMBLE_PREFIX.matcher(part).replaceFirst("");
            part = BULLET.matcher(part).replaceFirst("");
            part = unquote(part.strip());
            if (!part.isEmpty()) {
                parts.add(part.replaceAll("[,;]\\s*$", ""));
            }
        }
        String line = String.join(", ", parts).replaceAll("\\s+", " ").replaceAll("\\s*,(\\s*,)+", ",").strip();
        line = unquote(line).replaceAll("^[,\\s]+|[,\\s]+$", "");
        return cut(line);
    }

    private static String unquote(String text) {
        String result = text;
        while (result.length() >= 2 && QUOTES.indexOf(result.charAt(0)) >= 0
                && QUOTES.indexOf(result.charAt(result.length() - 1)) >= 0) {
            result = result.substring(1, result.length() - 1).strip();
        }
        return result;
    }

    private static String cut(String line) {
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int comma = line.lastIndexOf(", ", MAX_LENGTH);
        return (comma > MAX_LENGTH / 2 ? line.substring(0, comma) : line.substring(0, MAX_LENGTH)).strip();
    }
}

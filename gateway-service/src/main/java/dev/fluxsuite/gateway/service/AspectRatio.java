package dev.fluxsuite.gateway.service;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trailing aspect ratio in a prompt ({@code "a castle at dusk 16:9"}, also {@code --ar 3:2}), as flux-api-worker
 * users write it: it picks the size when none is given and is removed from the prompt. Only the common ratios
 * count, so that a prompt ending in a time keeps it.
 */
public record AspectRatio(int width, int height) {

    /** The ratios people mean; "10:30" at the end of a prompt is more likely a time. */
    private static final Set<String> COMMON = Set.of("1:1", "1:2", "2:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16",
            "16:9", "9:21", "21:9", "10:16", "16:10");
    private static final Pattern TRAILING = Pattern
            .compile("(?:^|[\\s,，])(?:--ar\\s+|--aspect\\s+)?(\\d{1,2})\\s*:\\s*(\\d{1,2})[\\s,.。]*$");
    /** Images are about a megapixel, the size every model here makes best. */
    private static final double AREA = 1024.0 * 1024.0;

    /** The prompt without the ratio, and the ratio when it ended with one. */
    public record Split(String prompt, Optional<AspectRatio> ratio) {
    }

    public static Split split(String prompt) {
        Matcher matcher = TRAILING.matcher(prompt);
        if (matcher.find()) {
            int w = Integer.parseInt(matcher.group(1));
            int h = Integer.parseInt(matcher.group(2));
            String rest = prompt.substring(0, matcher.start()).strip().replaceAll("[,，\\s]+$", "");
            if (COMMON.contains(w + ":" + h) && !rest.isEmpty()) {
                return new Split(rest, Optional.of(new AspectRatio(w, h)));
            }
        }
        return new Split(prompt, Optional.empty());
    }

    /**
     * The size of about a megapixel with this ratio, in steps of {@code multiple}, within {@code min}..{@code max};
     * when a side would pass the maximum, both shrink so that the ratio holds.
     */
    public int[] size(int min, int max, int multiple) {
        double ratio = (double) width / height;
        double w = Math.sqrt(AREA * ratio);
        double h = Math.sqrt(AREA / ratio);
        double shrink = Math.min(1, max / Math.max(w, h));
        int step = Math.max(1, multiple);
        return new int[] { clamp((int) Math.round(w * shrink / step) * step, min, max, step),
                clamp((int) Math.round(h * shrink / step) * step, min, max, step) };
    }

    private static int clamp(int value, int min, int max, int step) {
        int lowest = (min + step - 1) / step * step;
        int highest = max / step * step;
        return Math.max(lowest, Math.min(highest, value));
    }

    @Override
    public String toString() {
        return width + ":" + height;
    }
}

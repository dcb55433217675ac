package dev.fluxsuite.gateway.service;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trailing aspect ratio in a prompt ({@code "a castle at dusk 16:9"}, also {@code --ar 3:2}), as flux-api-worker
 * users write it: it picks the size when none is given and is removed from the prompt.
 */
public record AspectRatio(int width, int height) {

    private static final Pattern TRAILING = Pattern.compile("(?:^|[\\s,，])(?:--ar\\s+|--aspect\\s+)?(\\d{1,2})\\s*:\\s*(\\d{1,2})[\\s,.。]*$");
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
            if (w > 0 && h > 0 && w <= 4 * h && h <= 4 * w && !rest.isEmpty()) {
                return new Split(rest, Optional.of(new AspectRatio(w, h)));
            }
        }
        return new Split(prompt, Optional.empty());
    }

    /** The size of about a megapixel with this ratio, in steps of {@code multiple}, within {@code min}..{@code max}. */
    public int[] size(int min, int max, int multiple) {
        double ratio = (double) width / height;
        int step = Math.max(1, multiple);
        int w = clamp((int) Math.round(Math.sqrt(AREA * ratio) / step) * step, min, max, step);
        int h = clamp((int) Math.round(Math.sqrt(AREA / ratio) / step) * step, min, max, step);
        return new int[] {w, h};
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

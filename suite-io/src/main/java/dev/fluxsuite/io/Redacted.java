package dev.fluxsuite.io;

import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Settings as a message may show them. A URL may carry a user and password ({@code https://user:password@host}), and
 * a message about it is logged at start; the JDK's own message about a malformed URI repeats the whole URI.
 */
public final class Redacted {

    /** From the scheme's slashes to the last {@code @} of the authority: the user and password. */
    private static final Pattern USER = Pattern.compile("(?<=//)[^/?#]*@");

    private Redacted() {
    }

    /** {@code url} with its user and password, if any, shown as {@code ***}. */
    public static String url(String url) {
        return USER.matcher(url).replaceFirst("***@");
    }

    /** What is wrong with a URI that {@link java.net.URI#create} refused, without the URI itself. */
    public static String problem(IllegalArgumentException refusal) {
        return refusal.getCause() instanceof URISyntaxException syntax
                ? syntax.getReason() + (syntax.getIndex() >= 0 ? " at index " + syntax.getIndex() : "")
                : "it does not parse";
    }
}

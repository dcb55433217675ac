package dev.fluxsuite.gateway.client;

import java.net.URI;

import dev.fluxsuite.io.Redacted;

/** A service's base URL from its variable, checked at start: a typo fails the start with a message, not every call. */
final class ServiceUrl {

    private ServiceUrl() {
    }

    /** The URL with one trailing slash, so that relative paths resolve below it. */
    static URI of(String variable, String url) {
        URI uri;
        try {
            uri = URI.create(url.strip().replaceAll("/+$", "") + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL: " + Redacted.problem(e));
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " must be http://host[:port] or https://host[:port], not '"
                    + Redacted.url(url) + "'");
        }
        return uri;
    }
}

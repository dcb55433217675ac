package dev.fluxsuite.gateway.rest;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import dev.fluxsuite.gateway.config.GatewayConfig;

/** Absolute URLs of stored images, from {@code PUBLIC_URL} or, without it, the request as the client sent it. */
@ApplicationScoped
public class PublicUrls {

    private final String configured;

    PublicUrls(GatewayConfig config) {
        this.configured = config.publicUrl().map(url -> url.strip().replaceAll("/+$", "")).orElse(null);
    }

    public String image(String id, UriInfo request) {
        String base = configured != null ? configured : trim(request.getBaseUri());
        return base + "/images/" + id;
    }

    private static String trim(URI base) {
        return base.toString().replaceAll("/+$", "");
    }
}

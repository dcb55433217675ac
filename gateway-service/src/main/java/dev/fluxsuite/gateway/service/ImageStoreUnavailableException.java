package dev.fluxsuite.gateway.service;

/** An image may be in Redis, and Redis cannot be asked now: a wait, not a missing image. */
public class ImageStoreUnavailableException extends RuntimeException {

    public ImageStoreUnavailableException(String reason) {
        super("The images kept in Redis cannot be read now (" + reason + "); try again shortly", null, false, false);
    }
}

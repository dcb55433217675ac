package dev.fluxsuite.gateway.service;

/** The request names a model that image-service does not offer; the message lists those it does. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message, null, false, false);
    }
}

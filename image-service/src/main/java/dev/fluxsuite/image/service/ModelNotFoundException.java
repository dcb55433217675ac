package dev.fluxsuite.image.service;

/** The request names a model the catalogue does not have; the message lists those it has. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String message) {
        super(message, null, false, false);
    }
}

package dev.fluxsuite.image.service;

/** A request value outside what the chosen model takes; the message names the field and the limit. */
public class ImageRequestException extends RuntimeException {

    private final String field;

    public ImageRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

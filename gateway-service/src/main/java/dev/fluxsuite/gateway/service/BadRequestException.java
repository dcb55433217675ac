package dev.fluxsuite.gateway.service;

/** A request the gateway refuses before asking anyone; the message says what to fix, {@code param} which field. */
public class BadRequestException extends RuntimeException {

    private final String param;
    private final String code;

    public BadRequestException(String param, String code, String message) {
        super(message, null, false, false);
        this.param = param;
        this.code = code;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}

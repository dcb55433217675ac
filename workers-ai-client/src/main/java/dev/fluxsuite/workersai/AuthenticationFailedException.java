package dev.fluxsuite.workersai;

import java.time.Duration;

/** Cloudflare refused the account's token (401/403): that account rests, another may serve the call. */
public final class AuthenticationFailedException extends WorkersAiException {

    public AuthenticationFailedException(String message, int status, Integer code, Duration retryAfter) {
        super(message, status, code, retryAfter, true);
    }
}

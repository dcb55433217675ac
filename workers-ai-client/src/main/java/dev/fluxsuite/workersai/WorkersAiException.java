package dev.fluxsuite.workersai;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed Workers AI call, classified so that fault tolerance and the account pool can tell a momentary
 * capacity limit from a spent daily quota, a bad request or a broken upstream. Messages carry Cloudflare's
 * own error text and never a token. No stack trace: these are expected outcomes, thrown by the thousand in
 * a 429 storm.
 */
public abstract sealed class WorkersAiException extends RuntimeException
        permits CapacityExceededException, QuotaExhaustedException, AuthenticationFailedException,
        UpstreamServerException, MalformedResponseException, UnknownModelException, InvalidInputException,
        AccountsUnavailableException, NoAccountsConfiguredException {

    private final int status;
    private final Integer code;
    private final Duration retryAfter;
    private final boolean retryable;

    protected WorkersAiException(String message, int status, Integer code, Duration retryAfter, boolean retryable) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    /** HTTP status of the upstream answer, or the status this failure stands for when none came. */
    public int status() {
        return status;
    }

    /** Cloudflare's error code ({@code errors[0].code}), when the answer had one. */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    /** How long to wait before the same call can work, when known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether another attempt, possibly on another account, can succeed. */
    public boolean retryable() {
        return retryable;
    }
}

package dev.fluxsuite.workersai.pool;

import java.time.Instant;

/**
 * What a failed call found out about one account, for the other replicas to know without a call of their own: the
 * whole account out (its daily allocation spent, its token refused), or one model resting on it.
 *
 * @param account the account's index in this replica's pool
 * @param model the resting model, null when the whole account is out
 */
public record AccountRest(int account, Reason reason, String model, Instant until) {

    public enum Reason {
        QUOTA_EXHAUSTED,
        AUTHENTICATION_FAILED,
        MODEL_RESTING
    }
}

package dev.fluxsuite.workersai.pool;

import java.time.Instant;
import java.util.Map;

/**
 * One account as health and status pages show it: by index only, never by id or token.
 *
 * @param until when an account that is out returns (null when available)
 * @param coolingModels models resting on this account after a capacity answer, and until when
 */
public record AccountStatus(int index, State state, Instant until, Map<String, Instant> coolingModels) {

    public enum State {
        AVAILABLE,
        QUOTA_EXHAUSTED,
        AUTHENTICATION_FAILED
    }
}

package dev.fluxsuite.workersai.pool;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** What one account can do now: out as a whole (quota, token) until a time, and per-model rests after 429s. */
final class AccountState {

    private Instant outUntil = Instant.MIN;
    private AccountStatus.State outReason = AccountStatus.State.AVAILABLE;
    private final Map<String, Instant> modelCooldowns = new ConcurrentHashMap<>();

    /** Takes the account out until {@code until}; false when it was out as long already. */
    synchronized boolean takeOut(AccountStatus.State reason, Instant until) {
        // A later deadline wins: a quota that runs to midnight must not be shortened by a token rest.
        if (until.isAfter(outUntil)) {
            outUntil = until;
            outReason = reason;
            return true;
        }
        return false;
    }

    /** Rests the model on this account until {@code until}; false when it was resting as long already. */
    synchronized boolean coolModel(String model, Instant until) {
        Instant before = modelCooldowns.get(model);
        if (before != null && !until.isAfter(before)) {
            return false;
        }
        modelCooldowns.put(model, until);
        return true;
    }

    /** When this account can take the model again; a time not after {@code now} means it can now. */
    synchronized Instant availableAt(String model, Instant now) {
        Instant cooled = modelCooldowns.get(model);
        if (cooled != null && !cooled.isAfter(now)) {
            modelCooldowns.remove(model, cooled);
            cooled = null;
        }
        Instant at = outUntil;
        return cooled != null && cooled.isAfter(at) ? cooled : at;
    }

    synchronized boolean outAt(Instant now) {
        return outUntil.isAfter(now);
    }

    synchronized AccountStatus.State outReason(Instant now) {
        return outAt(now) ? outReason : AccountStatus.State.AVAILABLE;
    }

    synchronized Instant outUntil() {
        return outUntil;
    }

    Map<String, Instant> coolingModels(Instant now) {
        Map<String, Instant> cooling = new TreeMap<>();
        modelCooldowns.forEach((model, until) -> {
            if (until.isAfter(now)) {
                cooling.put(model, until);
            }
        });
        return cooling;
    }
}

package dev.fluxsuite.workersai;

/**
 * One Cloudflare account of the pool. Logs, metrics and health name it only by {@link #index()}: the id
 * and the token stay inside the upstream call.
 */
public record Account(int index, String id, String token) {

    /** The {@code Authorization} header value for this account. */
    public String bearer() {
        return "Bearer " + token;
    }

    @Override
    public String toString() {
        return "account #" + index;
    }
}

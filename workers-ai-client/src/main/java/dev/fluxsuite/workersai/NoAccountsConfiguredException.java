package dev.fluxsuite.workersai;

/** {@code CF_ACCOUNT_LIST} is not set, so no upstream call can be made: a 503 until it is configured. */
public final class NoAccountsConfiguredException extends WorkersAiException {

    public NoAccountsConfiguredException() {
        super("No Cloudflare account is configured: set CF_ACCOUNT_LIST to [{\"account_id\":\"…\",\"token\":\"…\"}]",
                503, null, null, false);
    }
}

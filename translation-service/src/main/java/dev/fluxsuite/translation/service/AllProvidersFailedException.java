package dev.fluxsuite.translation.service;

import java.util.List;

/** Every provider of the chain failed or could not be used; the message says why, provider by provider. */
public class AllProvidersFailedException extends RuntimeException {

    public AllProvidersFailedException(List<String> reasons) {
        super(reasons.isEmpty() ? "no translation provider is configured" : String.join("; ", reasons), null, false, false);
    }
}

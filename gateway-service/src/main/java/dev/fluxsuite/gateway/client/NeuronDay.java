package dev.fluxsuite.gateway.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Cloudflare accounts' neurons of one UTC day, as a service counted them ({@code GET /v1/neurons}).
 *
 * @param shared whether the figures are those of every replica of both services (through Redis)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record NeuronDay(String day, String resetsAt, long dailyNeurons, boolean shared, List<Spent> accounts) {

    /** One account, by index. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @RegisterForReflection
    public record Spent(int index, double neuronsUsed, double neuronsLeft) {
    }

    /**
     * Both services' figures as one: shared figures already hold the other service's calls (the larger, read later,
     * wins); figures of their own add up.
     */
    public static NeuronDay combine(NeuronDay image, NeuronDay translation) {
        boolean shared = image.shared() && translation.shared();
        List<Spent> accounts = new ArrayList<>();
        for (Spent spent : image.accounts()) {
            double other = translation.accounts().stream().filter(a -> a.index() == spent.index())
                    .mapToDouble(Spent::neuronsUsed).findFirst().orElse(0);
            double used = shared ? Math.max(spent.neuronsUsed(), other) : spent.neuronsUsed() + other;
            used = Math.round(used * 100) / 100.0;
            accounts.add(new Spent(spent.index(), used, Math.max(0, image.dailyNeurons() - used)));
        }
        return new NeuronDay(image.day(), image.resetsAt(), image.dailyNeurons(), shared, accounts);
    }
}

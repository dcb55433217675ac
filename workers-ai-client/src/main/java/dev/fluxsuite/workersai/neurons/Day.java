package dev.fluxsuite.workersai.neurons;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The accounts' neurons of one UTC day ({@code GET /v1/neurons}).
 *
 * @param resetsAt when Cloudflare's allocations and these counts start again (00:00 UTC)
 * @param shared whether the counts are those of every replica of both services (Redis answers), not this one's alone
 */
@RegisterForReflection
public record Day(String day, String resetsAt, long dailyNeurons, boolean shared, List<Spent> accounts) {

    /** One account, by index only. */
    @RegisterForReflection
    public record Spent(int index, double neuronsUsed, double neuronsLeft) {
    }
}

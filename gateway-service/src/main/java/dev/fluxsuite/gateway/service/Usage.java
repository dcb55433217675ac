package dev.fluxsuite.gateway.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One consumer's use of the gateway today ({@code GET /api/usage}).
 *
 * @param resetsAt when the day's counts start again (00:00 UTC)
 * @param neurons the estimated Cloudflare neurons of its images today
 * @param shared whether the counts are those of every gateway replica (through Redis), not this one's alone
 */
@RegisterForReflection
public record Usage(String consumer, String day, String resetsAt, long requests, long images, double neurons,
        Limits limits, Left left, boolean shared) {

    /** The consumer's limits; null where it has none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Limits(Integer requestsPerMinute, Integer imagesPerDay) {
    }

    /** What the limits leave now; null where there is no limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Left(Integer requestsThisMinute, Long imagesToday) {
    }
}

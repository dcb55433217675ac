package dev.fluxsuite.workersai.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.fluxsuite.workersai.neurons.Day;
import dev.fluxsuite.workersai.neurons.NeuronLedger;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/neurons}: what each Cloudflare account (by index) has spent today and what is left of
 * {@code CF_DAILY_NEURONS}; {@code shared} says whether the figures count every replica's calls (through Redis).
 */
@Path("/v1/neurons")
public class NeuronsResource {

    private final NeuronLedger ledger;

    NeuronsResource(NeuronLedger ledger) {
        this.ledger = ledger;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Day> today() {
        return ledger.today();
    }
}

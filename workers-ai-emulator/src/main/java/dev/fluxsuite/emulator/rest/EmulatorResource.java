package dev.fluxsuite.emulator.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fluxsuite.emulator.service.EmulatedAccounts;
import dev.fluxsuite.emulator.service.EmulatorStats;
import dev.fluxsuite.emulator.service.FaultController;
import dev.fluxsuite.emulator.service.FaultMode;
import dev.fluxsuite.emulator.service.FaultSettings;
import dev.fluxsuite.emulator.service.ModelCatalog;
import io.quarkus.logging.Log;

/** Switches faults at run time and shows what the emulator was asked. Not part of Workers AI. */
@Path("/emulator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Emulator control")
public class EmulatorResource {

    private static final long MAX_LATENCY_MS = 600_000;

    private final FaultController faults;
    private final EmulatorStats stats;
    private final EmulatedAccounts accounts;
    private final ModelCatalog catalog;

    EmulatorResource(FaultController faults, EmulatorStats stats, EmulatedAccounts accounts, ModelCatalog catalog) {
        this.faults = faults;
        this.stats = stats;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the fault of every call, or of one account, one model, or one model on one account")
    @APIResponse(responseCode = "200", description = "The faults now in force")
    @APIResponse(responseCode = "400", description = "Unknown mode or account, or a value out of range")
    public Response setFault(FaultRequest request) {
        if (request == null || request.mode() == null) {
            return badRequest("mode is required: one of " + FaultMode.wireNames());
        }
        FaultMode mode = FaultMode.fromWireName(request.mode()).orElse(null);
        if (mode == null) {
            return badRequest("mode '" + request.mode() + "' is unknown: use one of " + FaultMode.wireNames());
        }
        long latency = request.latencyMs() == null ? 0 : request.latencyMs();
        if (latency < 0 || latency > MAX_LATENCY_MS) {
            return badRequest("latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        int budget = request.rateLimitPerMinute() == null ? 0 : request.rateLimitPerMinute();
        if (budget < 0) {
            return badRequest("rateLimitPerMinute must be 0 or more");
        }
        double probability = request.probability() == null ? 1 : request.probability();
        if (!(probability >= 0 && probability <= 1)) {
            return badRequest("probability must be between 0 and 1");
        }
        if (request.account() != null && !accounts.known(request.account())) {
            return badRequest("account '" + request.account() + "' is unknown: the emulator has " + accounts.ids());
        }
        if (request.model() != null && catalog.find(request.model()).isEmpty()) {
            return badRequest(
                    "model '" + request.model() + "' is not emulated; see GET /client/v4/accounts/{id}/ai/models/search");
        }
        FaultSettings settings = new FaultSettings(mode, latency, budget, probability);
        FaultController.Scope scope = new FaultController.Scope(request.account(), request.model());
        faults.set(scope, settings);
        Log.infof("Fault for %s: %s", scope, settings);
        return Response.ok(faults.describe()).build();
    }

    @GET
    @Path("/faults")
    @Operation(summary = "The faults in force")
    public Map<String, FaultSettings> faults() {
        return faults.describe();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Calls per account, per model and per outcome since the last reset")
    public Map<String, Object> stats() {
        return stats.snapshot();
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Clear every fault and every counter")
    @APIResponse(responseCode = "204", description = "Reset")
    public void reset() {
        faults.reset();
        stats.reset();
    }

    private static Response badRequest(String message) {
        return Response.status(400)
                .entity(Map.of("error", Map.of("code", "invalid_fault", "message", message))).build();
    }
}

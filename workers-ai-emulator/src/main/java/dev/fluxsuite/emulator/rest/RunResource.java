package dev.fluxsuite.emulator.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fluxsuite.emulator.service.EmulatedModel;
import dev.fluxsuite.emulator.service.EmulatorAnswer;
import dev.fluxsuite.emulator.service.ModelCatalog;
import dev.fluxsuite.emulator.service.RunService;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** The Workers AI REST API of one account, as {@code api.cloudflare.com/client/v4} serves it. */
@Path("/client/v4/accounts/{accountId}/ai")
@Tag(name = "Workers AI (emulated)")
public class RunResource {

    private final RunService runs;
    private final ModelCatalog catalog;
    private final ObjectMapper mapper;

    RunResource(RunService runs, ModelCatalog catalog, ObjectMapper mapper) {
        this.runs = runs;
        this.catalog = catalog;
        this.mapper = mapper;
    }

    @POST
    @Path("/run/{model: .+}")
    @Consumes(MediaType.WILDCARD)
    @RunOnVirtualThread
    @Operation(summary = "Run a model", description = "Flux and Lucid answer JSON result.image (base64 JPEG), the Stable "
            + "Diffusion family raw PNG, Phoenix raw JPEG, chat models result.response, m2m100 result.translated_text.")
    @APIResponse(responseCode = "200", description = "The model's answer")
    @APIResponse(responseCode = "400", description = "Bad input (5006) or no such model (5007)")
    @APIResponse(responseCode = "401", description = "Wrong or missing token (10000)")
    @APIResponse(responseCode = "429", description = "Capacity (3040) or daily allocation (4006), when a fault says so")
    public Response run(@PathParam("accountId") String accountId, @PathParam("model") String model,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        return toResponse(runs.run(accountId, model, authorization, body));
    }

    @GET
    @Path("/models/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the emulated models", description = "Optionally of one task, e.g. Text-to-Image")
    @APIResponse(responseCode = "200", description = "The models, in Cloudflare's paged envelope")
    @APIResponse(responseCode = "401", description = "Wrong or missing token (10000)")
    public Response search(@PathParam("accountId") String accountId, @HeaderParam("Authorization") String authorization,
            @QueryParam("task") String task, @QueryParam("search") String search,
            @QueryParam("page") @DefaultValue("1") int page, @QueryParam("per_page") @DefaultValue("50") int perPage) {
        EmulatorAnswer refusal = runs.refused(accountId, null, authorization).orElse(null);
        if (refusal != null) {
            return toResponse(refusal);
        }
        if (page < 1 || perPage < 1 || perPage > 1000) {
            return toResponse(EmulatorAnswer.error(400, 7003, "page must be >= 1 and per_page between 1 and 1000"));
        }
        List<EmulatedModel> found = catalog.byTask(task).stream()
                .filter(m -> search == null || m.name().contains(search) || m.description().contains(search))
                .toList();
        ArrayNode result = mapper.createArrayNode();
        found.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(m -> result.add(describe(m)));
        ObjectNode envelope = mapper.createObjectNode();
        envelope.set("result", result);
        envelope.put("success", true);
        envelope.putArray("errors");
        envelope.putArray("messages");
        envelope.putObject("result_info").put("page", page).put("per_page", perPage).put("count", result.size())
                .put("total_count", found.size());
        return Response.ok(envelope, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ObjectNode describe(EmulatedModel model) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", uuid(model.name()));
        node.put("source", 1);
        node.put("name", model.name());
        node.put("description", model.description());
        node.putObject("task").put("id", uuid(model.task())).put("name", model.task())
                .put("description", model.task() + " models");
        node.putArray("tags");
        node.putArray("properties");
        node.put("created_at", "2024-01-01 00:00:00.000");
        return node;
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Response toResponse(EmulatorAnswer answer) {
        return Response.status(answer.status()).type(answer.mediaType()).entity(answer.body()).build();
    }
}

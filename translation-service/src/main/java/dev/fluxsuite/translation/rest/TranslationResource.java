package dev.fluxsuite.translation.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fluxsuite.translation.TranslationModels;
import dev.fluxsuite.translation.TranslationRequest;
import dev.fluxsuite.translation.TranslationResponse;
import dev.fluxsuite.translation.service.ProviderChain;
import dev.fluxsuite.translation.service.TranslationService;
import io.smallrye.mutiny.Uni;

/** Prompt translation and the models that do it. */
@Path("/v1")
@Tag(name = "Translation")
@Produces(MediaType.APPLICATION_JSON)
public class TranslationResource {

    private final TranslationService translations;
    private final ProviderChain chain;

    TranslationResource(TranslationService translations, ProviderChain chain) {
        this.translations = translations;
        this.chain = chain;
    }

    @POST
    @Path("/translations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn a prompt into an image prompt", description = "Detects the language, translates and "
            + "optionally enhances. An upstream failure is never an error here: the original text comes back with "
            + "fallback=true and the reason.")
    @APIResponse(responseCode = "200", description = "The prompt, and how it was made")
    @APIResponse(responseCode = "400", description = "Missing or too long text, or an unsupported targetLanguage")
    public Uni<TranslationResponse> translate(
            @Valid @NotNull(message = "a JSON body with at least a text is required") TranslationRequest request) {
        return translations.translate(request);
    }

    @GET
    @Path("/models")
    @Operation(summary = "The translation models, in the order they are tried")
    public TranslationModels models() {
        return new TranslationModels(chain.providers().stream()
                .map(p -> new TranslationModels.Model(p.model(), p.name(), "translation")).toList());
    }
}

package dev.fluxsuite.image.service;

import java.util.concurrent.ThreadLocalRandom;

import dev.fluxsuite.image.ImageRequest;

/** Checks a request against its model's limits and fills in the defaults. Every message names field and limit. */
final class RequestResolver {

    /** Seeds are unsigned 32-bit numbers, which every family takes. */
    static final long MAX_SEED = 4_294_967_295L;

    private RequestResolver() {
    }

    static ResolvedRequest resolve(ImageRequest request, CatalogModel model) {
        Family family = model.family();
        String name = model.alias();
        int width = size("width", request.width(), family, name);
        int height = size("height", request.height(), family, name);
        int steps = request.steps() == null ? model.defaultSteps() : request.steps();
        if (steps < 1 || steps > family.maxSteps()) {
            throw new ImageRequestException("steps", "steps must be between 1 and " + family.maxSteps() + " for " + name
                    + ", not " + steps);
        }
        long seed = request.seed() == null ? ThreadLocalRandom.current().nextLong(MAX_SEED + 1) : request.seed();
        if (seed < 0 || seed > MAX_SEED) {
            throw new ImageRequestException("seed", "seed must be between 0 and " + MAX_SEED + ", not " + seed);
        }
        return new ResolvedRequest(model, request.prompt().strip(), width, height, steps, seed,
                negativePrompt(request.negativePrompt(), family, name), guidance(request.guidance(), family, name));
    }

    private static int size(String field, Integer value, Family family, String name) {
        if (value == null) {
            return family.defaultSize();
        }
        if (!family.sized()) {
            if (value != family.defaultSize()) {
                throw new ImageRequestException(field, name + " makes " + family.defaultSize() + "x" + family.defaultSize()
                        + " images only: leave width and height out, or set them to " + family.defaultSize());
            }
            return value;
        }
        if (value < family.minSize() || value > family.maxSize()) {
            throw new ImageRequestException(field, field + " must be between " + family.minSize() + " and "
                    + family.maxSize() + " for " + name + ", not " + value);
        }
        if (value % Family.SIZE_MULTIPLE != 0) {
            int lower = value - value % Family.SIZE_MULTIPLE;
            throw new ImageRequestException(field, field + " must be a multiple of " + Family.SIZE_MULTIPLE + " for "
                    + name + ": " + lower + " or " + (lower + Family.SIZE_MULTIPLE) + ", not " + value);
        }
        return value;
    }

    private static Double guidance(Double value, Family family, String name) {
        if (!family.takesGuidance()) {
            if (value != null) {
                throw new ImageRequestException("guidance", name + " takes no guidance: leave it out");
            }
            return null;
        }
        if (value == null) {
            return family.defaultGuidance();
        }
        if (value.isNaN() || value < family.minGuidance() || value > family.maxGuidance()) {
            throw new ImageRequestException("guidance", "guidance must be between " + family.minGuidance() + " and "
                    + family.maxGuidance() + " for " + name + ", not " + value);
        }
        return value;
    }

    private static String negativePrompt(String value, Family family, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!family.takesNegativePrompt()) {
            throw new ImageRequestException("negativePrompt", name + " takes no negativePrompt: leave it out");
        }
        return value.strip();
    }
}

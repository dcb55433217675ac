package dev.fluxsuite.emulator.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.CacheResult;

/**
 * Draws a real, decodable PNG or JPEG: a two-colour gradient with soft discs, all chosen from a seed, so the
 * same request always gives the same picture. Pixels are computed directly (no fonts, no Graphics2D), so it
 * works headless and in native executables.
 */
@ApplicationScoped
public class ImageRenderer {

    /** Image bytes, drawn once per distinct request and then served from the cache. */
    @CacheResult(cacheName = "emulator-images")
    public byte[] render(int width, int height, long seed, boolean jpeg) {
        SplittableRandom random = new SplittableRandom(seed);
        int from = random.nextInt(0x1000000);
        int to = random.nextInt(0x1000000);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = mix(from, to, (x + y) / (double) (width + height));
            }
        }
        int discs = 3 + random.nextInt(5);
        for (int d = 0; d < discs; d++) {
            disc(pixels, width, height, random);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
        try {
            if (!ImageIO.write(image, jpeg ? "jpeg" : "png", out)) {
                throw new IllegalStateException("no ImageIO writer for " + (jpeg ? "jpeg" : "png"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void disc(int[] pixels, int width, int height, SplittableRandom random) {
        int radius = Math.max(4, (int) (Math.min(width, height) * (0.08 + random.nextDouble() * 0.25)));
        int cx = random.nextInt(width);
        int cy = random.nextInt(height);
        int colour = random.nextInt(0x1000000);
        double opacity = 0.35 + random.nextDouble() * 0.5;
        for (int y = Math.max(0, cy - radius); y < Math.min(height, cy + radius); y++) {
            for (int x = Math.max(0, cx - radius); x < Math.min(width, cx + radius); x++) {
                double distance = Math.hypot(x - cx, y - cy) / radius;
                if (distance < 1) {
                    int i = y * width + x;
                    pixels[i] = mix(pixels[i], colour, opacity * (1 - distance * distance));
                }
            }
        }
    }

    private static int mix(int a, int b, double t) {
        int r = (int) (((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) (((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) ((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }
}

package dev.fluxsuite.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Decodes images as a browser would, so that tests check real pictures, not signatures. */
public final class Images {

    private Images() {
    }

    /** @throws AssertionError when the bytes are no image ImageIO can read */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError("not a decodable image: " + bytes.length + " bytes");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real PNG of that size. */
    public static byte[] png(int width, int height) {
        return encode(width, height, "png");
    }

    /** A real JPEG of that size. */
    public static byte[] jpeg(int width, int height) {
        return encode(width, height, "jpeg");
    }

    public static BufferedImage decodeBase64(String base64) {
        return decode(Base64.getDecoder().decode(base64));
    }

    /** The format the bytes are in, as ImageIO names it ({@code png}, {@code jpeg}), or {@code unknown}. */
    public static String format(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            return readers.hasNext() ? readers.next().getFormatName().toLowerCase(Locale.ROOT) : "unknown";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

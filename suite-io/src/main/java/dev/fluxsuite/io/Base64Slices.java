package dev.fluxsuite.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

import io.netty.buffer.ByteBuf;

/**
 * The JDK's base64 (vectorized) over part of an image, without an array made for it. Its encoder and decoder take
 * whole arrays only, and an array of each image's exact length (or of its last piece's) was a quarter of what the
 * services allocated under load. So a part goes through arrays of fixed lengths, kept per thread: groups of
 * {@code 2^k} (3 bytes or 4 characters each), as many of the largest as fit, then the rest as a sum of smaller ones,
 * then the last few bytes or characters, which alone may carry padding. Every group but the last joins the next
 * without padding, so the slices give what the whole would.
 */
public final class Base64Slices {

    /** The largest group: {@code 2^14}, 48 KiB of bytes, 64 KiB of base64. */
    private static final int TOP = 14;
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final ThreadLocal<Base64Slices> OF_THREAD = ThreadLocal.withInitial(Base64Slices::new);

    /** {@code 3 * 2^k} bytes, for k up to {@link #TOP}. */
    private final byte[][] bytes = new byte[TOP + 1][];
    /** {@code 4 * 2^k} characters. */
    private final byte[][] text = new byte[TOP + 1][];
    /** The last one or two bytes, the last one to four characters. */
    private final byte[][] lastBytes = { new byte[1], new byte[2] };
    private final byte[][] lastText = { new byte[1], new byte[2], new byte[3], new byte[4] };
    private final byte[] lastDecoded = new byte[3];

    private Base64Slices() {
        for (int k = 0; k <= TOP; k++) {
            bytes[k] = new byte[3 << k];
            text[k] = new byte[4 << k];
        }
    }

    /**
     * Writes the base64 of {@code image}'s readable bytes to {@code out}, padded; the image's indexes are left as they
     * are, and it may be made of several buffers. Meant for the event loops: a thread keeps some 200 KiB of slices for
     * the next call.
     */
    public static void encode(ByteBuf image, OutputStream out) throws IOException {
        Base64Slices slices = OF_THREAD.get();
        int at = image.readerIndex();
        int left = image.readableBytes();
        for (int k = TOP; k >= 0; k--) {
            byte[] slice = slices.bytes[k];
            while (left >= slice.length) {
                image.getBytes(at, slice);
                out.write(slices.text[k], 0, ENCODER.encode(slice, slices.text[k]));
                at += slice.length;
                left -= slice.length;
            }
        }
        if (left > 0) {
            byte[] last = slices.lastBytes[left - 1];
            image.getBytes(at, last);
            out.write(slices.text[0], 0, ENCODER.encode(last, slices.text[0]));
        }
    }

    /**
     * Decodes the base64 in {@code [from, to)} of {@code base64} (indexes of the buffer, which may be outside the heap;
     * its own indexes are left as they are) onto the end of {@code into}, which grows when it has no room. Padding is
     * optional, as for the JDK's decoder, and may only end it.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    public static void decode(ByteBuf base64, int from, int to, ByteBuf into) {
        // The last one to four characters go apart: they alone may be padded.
        int last = from + (Math.max(0, to - from - 1) & ~3);
        decodeGroups(base64, from, last, into);
        if (last < to) {
            Base64Slices slices = OF_THREAD.get();
            byte[] text = slices.lastText[to - last - 1];
            base64.getBytes(last, text);
            into.writeBytes(slices.lastDecoded, 0, DECODER.decode(text, slices.lastDecoded));
        }
    }

    /**
     * Decodes {@code [from, to)} of {@code base64} as {@link #decode} does, for base64 that goes on after it: whole
     * groups of four, none of them padded.
     *
     * @throws IllegalArgumentException when it is not base64, is padded, or is not whole groups
     */
    public static void decodeGroups(ByteBuf base64, int from, int to, ByteBuf into) {
        if ((to - from) % 4 != 0) {
            throw new IllegalArgumentException("base64 that is not whole groups of four");
        }
        Base64Slices slices = OF_THREAD.get();
        int at = from;
        int left = to - from;
        for (int k = TOP; k >= 0; k--) {
            byte[] slice = slices.text[k];
            while (left >= slice.length) {
                base64.getBytes(at, slice);
                int decoded = DECODER.decode(slice, slices.bytes[k]);
                if (decoded != slices.bytes[k].length) {
                    throw new IllegalArgumentException("padding before the end of the base64");
                }
                into.writeBytes(slices.bytes[k]);
                at += slice.length;
                left -= slice.length;
            }
        }
    }
}

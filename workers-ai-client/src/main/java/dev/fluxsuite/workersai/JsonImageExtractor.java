package dev.fluxsuite.workersai;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.fluxsuite.io.Base64Slices;
import dev.fluxsuite.io.KeptBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * {@code result.image} of a Workers AI JSON envelope, decoded from base64 while the envelope arrives. The envelope
 * is scanned byte by byte for the few keys that matter ({@code result}, {@code image}, {@code success}); the base64
 * is decoded in batches of 64 KiB, whole groups of four at a time, with the JDK's vectorized decoder, into blocks
 * outside the heap that go back to {@link #DECODED} once written (see {@link ImageStream#written}). So an answer of a
 * megabyte is never held whole, as a string or as bytes, and under load the image's bytes stay out of the young
 * generation. JSON allows {@code \/} for a slash, which is read; any other escape cannot be base64.
 * <p>
 * The image is not searched for its closing quote as it arrives: base64 holds neither a quote nor a backslash, and
 * the decoder refuses both, so the bytes are kept as they come and only a batch the decoder refuses is searched (the
 * one with the closing quote, or an escaped slash; from an escape on, the image is searched as it arrives). The
 * search was a sixth of image-service's time in Java code under load.
 */
final class JsonImageExtractor implements ChunkTransform {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final int KEY_MAX = 8;
    /** Base64 decoded at a time, and the size of the blocks it is kept in (decoded, three quarters of it). */
    static final int BATCH = 64 * 1024;
    /**
     * The base64 of each image being received, a batch at a time, in arrays for the decoder. Up to 16 MiB of released
     * ones are kept: kept blocks stay in the old generation for good, and at 8 MiB the batches of a burst beyond the
     * bound were a sixth of image-service's allocation.
     */
    static final KeptBlocks BATCHES = KeptBlocks.onHeap(BATCH, 256);
    /**
     * The decoded pieces, for as long as each takes to be written; outside the heap, so that the caller's connection
     * takes them as they are (see {@link KeptBlocks}). Up to 12 MiB of released ones are kept.
     */
    static final KeptBlocks DECODED = KeptBlocks.direct(BATCH / 4 * 3, 256);
    /** Where a batch is decoded before it goes to its block: the decoder writes arrays only. */
    private static final ThreadLocal<byte[]> DECODING = ThreadLocal.withInitial(() -> new byte[BATCH / 4 * 3]);
    /** A piece read outside the heap, copied for the scan: it reads arrays. */
    private static final ThreadLocal<byte[]> READING = ThreadLocal.withInitial(() -> new byte[BATCH]);
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final boolean[] BASE64_BYTES = new boolean[256];
    private static final byte[] NOTHING = new byte[0];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        alphabet.chars().forEach(c -> BASE64_BYTES[c] = true);
    }

    /** The keys that matter, told apart without making a string of every key. */
    private enum Key {
        RESULT("result"), IMAGE("image"), SUCCESS("success"), OTHER(null);

        private final byte[] name;

        Key(String name) {
            this.name = name == null ? null : name.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private int depth;
    private int resultDepth = -1;
    private boolean inString;
    private boolean escaped;
    private final byte[] text = new byte[KEY_MAX];
    private int textLength;
    private Key lastString = Key.OTHER;
    private Key key = Key.OTHER;
    private boolean afterColon;
    private boolean inImage;
    private boolean imageEscape;
    private boolean imageSeen;
    /** Until the first escape in the image: its bytes are kept unsearched, see the class comment. */
    private boolean trusting = true;
    private boolean searchNow;
    private boolean successFalse;
    /** Base64 not decoded yet, up to a batch. */
    private ByteBuf batch;
    /** What the bytes read so far completed of the image, not handed out yet. */
    private final List<ByteBuf> decoded = new ArrayList<>(2);

    @Override
    public Buffer next(Buffer chunk) {
        ByteBuf buf = chunk.getByteBuf();
        byte[] bytes;
        int from;
        if (buf.hasArray()) {
            bytes = buf.array();
            from = buf.arrayOffset() + buf.readerIndex();
        } else {
            bytes = READING.get();
            if (bytes.length < chunk.length()) {
                bytes = new byte[chunk.length()];
                READING.set(bytes);
            }
            buf.getBytes(buf.readerIndex(), bytes, 0, chunk.length());
            from = 0;
        }
        read(bytes, from, from + chunk.length());
        if (searchNow) {
            search(NOTHING, 0, 0);
        }
        return handOut();
    }

    /** The envelope's bytes in {@code [from, end)}. */
    private void read(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end) {
            if (inImage) {
                i = image(bytes, i, end);
            } else {
                structure(bytes[i++]);
            }
        }
    }

    @Override
    public Buffer finish() {
        if (inImage && trusting) {
            search(NOTHING, 0, 0);
        }
        if (inImage) {
            throw ResponseDecoders.malformed("a JSON answer that ends inside result.image");
        }
        if (inString || depth != 0) {
            throw ResponseDecoders.malformed("a JSON answer that ends early");
        }
        if (!imageSeen) {
            throw ResponseDecoders.malformed("a JSON answer without result.image");
        }
        if (successFalse) {
            throw ResponseDecoders.malformed("2xx with success=false");
        }
        return handOut();
    }

    /** One byte of the envelope outside result.image. */
    private void structure(byte c) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
                textLength = KEY_MAX + 1;
            } else if (c == '"') {
                inString = false;
                lastString = keyOf();
            } else if (textLength <= KEY_MAX) {
                if (textLength < KEY_MAX) {
                    text[textLength] = c;
                }
                textLength++;
            }
            return;
        }
        switch (c) {
            case ' ', '\t', '\n', '\r' -> {
                return;
            }
            case '"' -> {
                if (afterColon && depth == resultDepth && key == Key.IMAGE) {
                    inImage = true;
                    imageSeen = true;
                } else {
                    inString = true;
                    textLength = 0;
                }
            }
            case ':' -> {
                key = lastString;
                afterColon = true;
                return;
            }
            case '{', '[' -> {
                depth++;
                if (c == '{' && afterColon && depth == 2 && key == Key.RESULT) {
                    resultDepth = depth;
                }
            }
            case '}', ']' -> {
                if (depth == resultDepth) {
                    resultDepth = -1;
                }
                if (--depth < 0) {
                    throw ResponseDecoders.malformed("JSON that does not parse");
                }
            }
            default -> {
                if (afterColon && depth == 1 && key == Key.SUCCESS && c == 'f') {
                    successFalse = true;
                }
            }
        }
        afterColon = false;
    }

    /** Reads base64 from {@code i} up to the closing quote or the chunk's end; returns where it stopped. */
    private int image(byte[] bytes, int i, int end) {
        if (trusting) {
            while (i < end) {
                i = keep(bytes, i, end);
                if (batch.writerIndex() == BATCH && !decodeBatch(true)) {
                    return search(bytes, i, end);
                }
            }
            // The envelope ends with a brace: a piece that ends outside base64 holds the image's end, read now so that
            // the image comes out before the stream ends.
            searchNow = !BASE64_BYTES[bytes[end - 1] & 0xFF];
            return end;
        }
        int run = i;
        while (i < end) {
            if (imageEscape) {
                imageEscape = false;
                if (bytes[i] != '/') {
                    throw ResponseDecoders.malformed("a result.image that is not base64");
                }
                run = i++;
                continue;
            }
            int stop = quoteOrBackslash(bytes, i, end);
            if (stop == end) {
                break;
            }
            keepAll(bytes, run, stop);
            if (bytes[stop] == '"') {
                inImage = false;
                decodeRest();
                return stop + 1;
            }
            imageEscape = true;
            run = i = stop + 1;
        }
        keepAll(bytes, run, end);
        return end;
    }

    /**
     * The first quote or backslash in {@code [from, to)}, or {@code to}. Eight bytes at a time: an image is some
     * 300 KiB of base64 with one quote at its end, and a byte-by-byte scan of it was a quarter of image-service's CPU.
     * A word's bytes equal to {@code c} are the zero bytes of {@code word ^ c}; the lowest flagged one is exact.
     */
    static int quoteOrBackslash(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORDS.get(bytes, i);
            long quotes = word ^ QUOTES;
            long backslashes = word ^ BACKSLASHES;
            long found = ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes) & HIGHS;
            if (found != 0) {
                return i + Long.numberOfTrailingZeros(found) / Byte.SIZE;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '"' || bytes[i] == '\\') {
                return i;
            }
        }
        return to;
    }

    /** Keeps {@code [from, to)} until the batch is full; returns where it stopped. */
    private int keep(byte[] bytes, int from, int to) {
        if (batch == null) {
            batch = BATCHES.allocate();
        }
        int length = Math.min(to - from, BATCH - batch.writerIndex());
        batch.writeBytes(bytes, from, length);
        return from + length;
    }

    private void keepAll(byte[] bytes, int from, int to) {
        while (from < to) {
            from = keep(bytes, from, to);
            if (batch.writerIndex() == BATCH) {
                decodeBatch(false);
            }
        }
    }

    /**
     * A full batch into a block of its own: whole groups of four, decoded with the JDK's vectorized decoder. The body
     * arrives in pieces of a few KiB; decoding each apart would cost a call and a buffer apiece. False when the
     * decoder refuses a batch that was kept unsearched.
     */
    private boolean decodeBatch(boolean trusted) {
        byte[] bytes = DECODING.get();
        int length;
        try {
            length = BASE64.decode(batch.array(), bytes);
        } catch (IllegalArgumentException e) {
            if (trusted) {
                return false;
            }
            throw ResponseDecoders.malformed("a result.image that is not base64");
        }
        batch.clear();
        decoded.add(DECODED.allocate().writeBytes(bytes, 0, length));
        return true;
    }

    /** What is left once the closing quote is found, padding and all. */
    private void decodeRest() {
        if (batch == null) {
            return;
        }
        try {
            if (batch.writerIndex() > 0) {
                ByteBuf block = DECODED.allocate();
                try {
                    Base64Slices.decode(batch.array(), batch.arrayOffset(), batch.arrayOffset() + batch.writerIndex(),
                            block);
                } catch (IllegalArgumentException e) {
                    block.release();
                    throw ResponseDecoders.malformed("a result.image that is not base64");
                }
                decoded.add(block);
            }
        } finally {
            // The rest of the envelope is a few bytes; a pooled connection may keep this reader until its next call.
            batch.release();
            batch = null;
        }
    }

    /**
     * The kept bytes and {@code [from, end)}, read again the careful way: the image up to its closing quote, the
     * envelope after it. From here on the image is searched as it arrives. The kept bytes are read where they are,
     * in their block, and what they hold of the image is kept again in a new one: joined into an array of their own,
     * every image's last batch was a quarter of image-service's allocation. Returns {@code end}.
     */
    private int search(byte[] bytes, int from, int end) {
        trusting = false;
        searchNow = false;
        ByteBuf kept = batch;
        batch = null;
        if (kept != null) {
            try {
                read(kept.array(), kept.arrayOffset(), kept.arrayOffset() + kept.writerIndex());
            } finally {
                kept.release();
            }
        }
        read(bytes, from, end);
        return end;
    }

    /** The pieces completed so far, as one buffer: a block as it is, more than one (at the image's end) joined. */
    private Buffer handOut() {
        if (decoded.isEmpty()) {
            return Buffer.buffer(0);
        }
        if (decoded.size() == 1) {
            return Buffer.buffer(decoded.remove(0));
        }
        ByteBuf joined = Unpooled.buffer(decoded.stream().mapToInt(ByteBuf::readableBytes).sum());
        decoded.forEach(piece -> {
            joined.writeBytes(piece);
            piece.release();
        });
        decoded.clear();
        return Buffer.buffer(joined);
    }

    private Key keyOf() {
        for (Key candidate : Key.values()) {
            if (candidate.name != null && textLength == candidate.name.length
                    && Arrays.equals(text, 0, textLength, candidate.name, 0, textLength)) {
                return candidate;
            }
        }
        return Key.OTHER;
    }
}

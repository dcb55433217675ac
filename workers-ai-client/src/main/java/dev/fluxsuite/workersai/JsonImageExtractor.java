package dev.fluxsuite.workersai;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * {@code result.image} of a Workers AI JSON envelope, decoded from base64 while the envelope arrives. The envelope
 * is scanned byte by byte for the few keys that matter ({@code result}, {@code image}, {@code success}); the base64
 * is decoded in batches of 16 KiB, whole groups of four at a time, with the JDK's vectorized decoder. So an answer
 * of a megabyte is never held whole, as a string or as bytes. JSON allows {@code \/} for a slash, which
 * is read; any other escape cannot be base64.
 * <p>
 * The image is not searched for its closing quote as it arrives: base64 holds neither a quote nor a backslash, and
 * the decoder refuses both, so the bytes are kept as they come and only a batch the decoder refuses is searched (the
 * one with the closing quote, or an escaped slash; from an escape on, the image is searched as it arrives). The
 * search was a sixth of image-service's CPU.
 */
final class JsonImageExtractor implements ChunkTransform {

    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final int KEY_MAX = 8;
    private static final int BATCH = 16 * 1024;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final boolean[] BASE64_BYTES = new boolean[256];

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".chars().forEach(c -> BASE64_BYTES[c] = true);
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
    /** Base64 characters not decoded yet: fewer than four between chunks. */
    private byte[] pending = new byte[0];
    private int pendingLength;

    @Override
    public Buffer next(Buffer chunk) {
        ByteBuf buf = chunk.getByteBuf();
        byte[] bytes;
        int from;
        if (buf.hasArray()) {
            bytes = buf.array();
            from = buf.arrayOffset() + buf.readerIndex();
        } else {
            bytes = chunk.getBytes();
            from = 0;
        }
        return read(bytes, from, from + chunk.length());
    }

    /** The envelope's bytes in {@code [from, end)}; what they complete of the image comes out. */
    private Buffer read(byte[] bytes, int from, int end) {
        boolean imageEnded = false;
        int i = from;
        while (i < end) {
            if (inImage) {
                i = image(bytes, i, end);
                imageEnded = !inImage;
            } else {
                structure(bytes[i++]);
            }
        }
        return searchNow ? search() : decode(imageEnded);
    }

    @Override
    public Buffer finish() {
        Buffer last = inImage && trusting ? search() : Buffer.buffer(0);
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
        return last;
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
            keep(bytes, i, end);
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
            keep(bytes, run, stop);
            if (bytes[stop] == '"') {
                inImage = false;
                return stop + 1;
            }
            imageEscape = true;
            run = i = stop + 1;
        }
        keep(bytes, run, end);
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

    private void keep(byte[] bytes, int from, int to) {
        int length = to - from;
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + length, pending.length * 2));
        }
        System.arraycopy(bytes, from, pending, pendingLength, length);
        pendingLength += length;
    }

    /**
     * The whole groups of four kept so far once they make a batch, or all of them once the image has ended. The body
     * arrives in pieces of a few KiB; decoding each apart would cost a call and a buffer apiece.
     */
    private Buffer decode(boolean all) {
        int length = all ? pendingLength : pendingLength & ~3;
        if (length == 0 || !all && length < BATCH) {
            return Buffer.buffer(0);
        }
        ByteBuffer decoded;
        try {
            decoded = BASE64.decode(ByteBuffer.wrap(pending, 0, length));
        } catch (IllegalArgumentException e) {
            if (trusting) {
                return search();
            }
            throw ResponseDecoders.malformed("a result.image that is not base64");
        }
        System.arraycopy(pending, length, pending, 0, pendingLength - length);
        pendingLength -= length;
        if (all) {
            // The rest of the envelope is a few bytes; a pooled connection may keep this reader until its next call.
            pending = new byte[0];
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(decoded));
    }

    /**
     * The kept bytes, read again the careful way: the image up to its closing quote, the envelope after it. From here
     * on the image is searched as it arrives.
     */
    private Buffer search() {
        byte[] kept = Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        trusting = false;
        searchNow = false;
        return read(kept, 0, kept.length);
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

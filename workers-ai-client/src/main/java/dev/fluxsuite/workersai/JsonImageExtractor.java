package dev.fluxsuite.workersai;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.fluxsuite.io.Base64Slices;
import dev.fluxsuite.io.KeptBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * {@code result.image} of a Workers AI JSON envelope, decoded from base64 while the envelope arrives. The envelope
 * is scanned byte by byte for the few keys that matter ({@code result}, {@code image}, {@code success}); the base64
 * is decoded a chunk at a time as it is read, whole groups of four with the JDK's vectorized decoder (the last
 * characters of a chunk that make no whole group wait for the next), into a block outside the heap that is handed out
 * once full (48 KiB) or once the image ends, and goes back to {@link #DECODED} once written (see
 * {@link ImageStream#written}). So an answer of a megabyte is never held whole, as a string or as bytes, and nothing of
 * an image is in the heap between its chunks: a batch of base64 kept per image for the decoder, 64 KiB in the heap for
 * each image being received, was most of what image-service's young collections copied under load. The blocks are
 * filled across chunks because a connection reads a few KiB at a time under load: a piece for each chunk made the
 * writes to the caller five times as many. JSON allows {@code \/} for a slash, which is read; any other escape
 * cannot be base64.
 * <p>
 * A piece inside the image is not searched for the closing quote: base64 holds neither a quote nor a backslash, and
 * the decoder refuses both, so a piece is decoded as it is, and only one the decoder refuses is searched (the one
 * with the closing quote, or an escaped slash; from an escape on, the image is searched as it arrives). The search
 * was a sixth of image-service's time in Java code under load. Such a piece is decoded straight from the block it was
 * read into; one with the envelope's keys is first copied to an array for the scan.
 */
final class JsonImageExtractor implements ChunkTransform {

    private static final int KEY_MAX = 8;
    /**
     * The base64 a connection reads at a time at most, and the size of the blocks its decoded bytes go into (three
     * quarters of it).
     */
    static final int PIECE = 64 * 1024;
    /**
     * The decoded pieces, while each is filled and then written; outside the heap, so that the caller's connection
     * takes them as they are (see {@link KeptBlocks}). Up to 12 MiB of released ones are kept.
     */
    static final KeptBlocks DECODED = KeptBlocks.direct(PIECE / 4 * 3, 256);
    /** A piece read outside the heap, copied for the scan: it reads arrays. */
    private static final ThreadLocal<byte[]> READING = ThreadLocal.withInitial(() -> new byte[PIECE]);
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final boolean[] BASE64_BYTES = new boolean[256];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        alphabet.chars().forEach(c -> BASE64_BYTES[c] = true);
    }

    /** The keys that matter, told apart without making a string of every key. */
    private enum Key {
        RESULT("result"),
        IMAGE("image"),
        SUCCESS("success"),
        OTHER(null);

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
    /** Until the first piece the decoder refuses: pieces are decoded unsearched, see the class comment. */
    private boolean trusting = true;
    private boolean successFalse;
    /**
     * The image's characters that make no whole group yet, the last ones read; or its last group, padded, which only
     * the closing quote may follow.
     */
    private final byte[] carry = new byte[4];
    private int carried;
    /** The image's bytes decoded since the last piece handed out, in a block until it is full. */
    private ByteBuf out;
    /** A full block, handed out once the chunk being read is. */
    private ByteBuf ready;

    @Override
    public Buffer next(Buffer chunk) {
        try {
            decodePiece(chunk);
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
        if (ready != null) {
            return handOut(ready);
        }
        // The image has ended: what is left of it goes now rather than at the envelope's end.
        return imageSeen && !inImage && out != null ? handOut(out) : Buffer.buffer(0);
    }

    private void decodePiece(Buffer chunk) {
        ByteBuf buf = chunk.getByteBuf();
        int length = chunk.length();
        if (inImage && trusting && decodeTrusted(buf, buf.readerIndex(), buf.writerIndex())) {
            return;
        }
        byte[] bytes;
        int from;
        if (buf.hasArray()) {
            bytes = buf.array();
            from = buf.arrayOffset() + buf.readerIndex();
        } else {
            bytes = READING.get();
            if (bytes.length < length) {
                bytes = new byte[length];
                READING.set(bytes);
            }
            buf.getBytes(buf.readerIndex(), bytes, 0, length);
            from = 0;
        }
        read(bytes, from, from + length);
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
        return out != null ? handOut(out) : Buffer.buffer(0);
    }

    @Override
    public void discard() {
        for (ByteBuf block : new ByteBuf[] { out, ready }) {
            if (block != null) {
                block.release();
            }
        }
        out = null;
        ready = null;
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
        ByteBuf source = Unpooled.wrappedBuffer(bytes);
        if (trusting && decodeTrusted(source, i, end)) {
            return end;
        }
        out(end - i);
        int run = i;
        while (i < end) {
            if (imageEscape) {
                imageEscape = false;
                if (bytes[i] != '/') {
                    throw notBase64();
                }
                run = i++;
                continue;
            }
            int stop = quoteOrBackslash(bytes, i, end);
            if (stop == end) {
                break;
            }
            decode(source, run, stop);
            if (bytes[stop] == '"') {
                inImage = false;
                decodeLast();
                return stop + 1;
            }
            imageEscape = true;
            run = i = stop + 1;
        }
        decode(source, run, end);
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

    /**
     * Decodes {@code [from, to)} of the image unsearched; false, with nothing decoded and the search on from here,
     * when the decoder refuses it.
     */
    private boolean decodeTrusted(ByteBuf source, int from, int to) {
        ByteBuf into = out(to - from);
        int mark = into.writerIndex();
        int carriedBefore = carried;
        try {
            decodeGroups(source, from, to, into);
            return true;
        } catch (IllegalArgumentException e) {
            into.writerIndex(mark);
            carried = carriedBefore;
            trusting = false;
            return false;
        }
    }

    /** Decodes {@code [from, to)} of the image, known to hold neither quote nor backslash. */
    private void decode(ByteBuf source, int from, int to) {
        try {
            decodeGroups(source, from, to, out(to - from));
        } catch (IllegalArgumentException e) {
            throw notBase64();
        }
    }

    /**
     * The carried characters and {@code [from, to)} as whole groups of four; what is left carried, and the last group
     * too when it is padded: it may be the image's end.
     */
    private void decodeGroups(ByteBuf source, int from, int to, ByteBuf into) {
        if (carried > 0) {
            int taken = Math.min(carry.length - carried, to - from);
            carry(source, from, from + taken);
            from += taken;
            if (carried < carry.length || from == to && carry[carry.length - 1] == '=') {
                return;
            }
            Base64Slices.decodeGroups(Unpooled.wrappedBuffer(carry), 0, carry.length, into);
            carried = 0;
        }
        int whole = from + ((to - from) & ~3);
        if (whole == to && whole > from && source.getByte(whole - 1) == '=') {
            whole -= 4;
        }
        Base64Slices.decodeGroups(source, from, whole, into);
        carry(source, whole, to);
    }

    /**
     * Adds {@code [from, to)} to the carried characters, or nothing when one is not base64: the decoder has not seen
     * them.
     */
    private void carry(ByteBuf source, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!BASE64_BYTES[source.getByte(i) & 0xFF]) {
                throw new IllegalArgumentException("not base64");
            }
        }
        source.getBytes(from, carry, carried, to - from);
        carried += to - from;
    }

    /** The carried characters, once the closing quote is found: the image's last, padded or not. */
    private void decodeLast() {
        try {
            Base64Slices.decode(Unpooled.wrappedBuffer(carry), 0, carried, out(carried));
        } catch (IllegalArgumentException e) {
            throw notBase64();
        }
        carried = 0;
    }

    /**
     * Where {@code base64} more characters decode to: the block being filled, or a new one when they may not fit in
     * it, the full one then handed out with the chunk. A chunk is at most a read (64 KiB), so it fits in a new block;
     * a larger one makes the block grow.
     */
    private ByteBuf out(int base64) {
        int most = (carried + base64) / 4 * 3 + 3;
        if (out != null && ready == null && out.isReadable() && out.capacity() - out.writerIndex() < most) {
            ready = out;
            out = null;
        }
        if (out == null) {
            out = DECODED.allocate();
        }
        return out;
    }

    /** A block's bytes, handed out; the block is the reader's now. */
    private Buffer handOut(ByteBuf block) {
        if (block == ready) {
            ready = null;
        } else {
            out = null;
        }
        if (!block.isReadable()) {
            block.release();
            return Buffer.buffer(0);
        }
        return Buffer.buffer(block);
    }

    private static MalformedResponseException notBase64() {
        return ResponseDecoders.malformed("a result.image that is not base64");
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

package dev.fluxsuite.io;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Buffers of one size whose memory is kept for reuse once released, up to a bound: arrays in the heap
 * ({@link #onHeap}), or memory outside it ({@link #direct}). A buffer that grows past the size moves to memory of its
 * own. Release a buffer only when nothing reads it any more: its memory goes to the next buffer handed out.
 * <p>
 * Direct blocks are what a socket reads into and writes from as they are: the JDK reads a socket into a heap buffer
 * through a direct one of its own, and Netty writes a heap buffer through a copy, so each heap block cost two copies
 * on its way. And the bytes of a thousand images in flight are then no part of the heap: kept heap blocks filled much
 * of the old generation, and those beyond the bound were the young collections' work. A direct block released past the
 * bound is freed at once; one nobody releases is freed when the collector finds it unreachable. Heap blocks are for
 * what must be an array (the JDK's base64 decoder takes arrays only); one nobody releases is simply collected.
 */
public final class KeptBlocks {

    private final int size;
    /** Released arrays, for heap blocks. */
    private final BlockingQueue<byte[]> arrays;
    /** Released memory, for direct blocks. */
    private final BlockingQueue<ByteBuffer> memory;
    private final AtomicLong live = new AtomicLong();

    private KeptBlocks(int size, BlockingQueue<byte[]> arrays, BlockingQueue<ByteBuffer> memory) {
        this.size = size;
        this.arrays = arrays;
        this.memory = memory;
    }

    /**
     * Blocks in the heap, with {@link ByteBuf#array()}.
     *
     * @param size the length of each block
     * @param kept how many released blocks are kept at most
     */
    public static KeptBlocks onHeap(int size, int kept) {
        return new KeptBlocks(size, new ArrayBlockingQueue<>(kept), null);
    }

    /**
     * Blocks outside the heap.
     *
     * @param size the length of each block
     * @param kept how many released blocks are kept at most
     */
    public static KeptBlocks direct(int size, int kept) {
        return new KeptBlocks(size, null, new ArrayBlockingQueue<>(kept));
    }

    /** A buffer of one block's capacity, empty. */
    public ByteBuf allocate() {
        return memory != null ? new DirectBlock() : new HeapBlock();
    }

    /**
     * Whether {@code buffer}, or the buffer it is a view of (a slice, a duplicate), came from here.
     */
    public boolean owns(ByteBuf buffer) {
        Owned block = blockOf(buffer);
        return block != null && block.owner() == this;
    }

    /**
     * Whether {@code buffer} is, or is a view of, a block of any {@code KeptBlocks}: one that its holder gives back
     * ({@link #giveBack}) once nothing reads it any more.
     */
    public static boolean isKept(ByteBuf buffer) {
        return blockOf(buffer) != null;
    }

    /**
     * Releases {@code buffer} if it is kept ({@link #isKept}), for its holder that reads it no more; any other is left
     * to the collector.
     */
    public static void giveBack(ByteBuf buffer) {
        if (isKept(buffer)) {
            buffer.release();
        }
    }

    private static Owned blockOf(ByteBuf buffer) {
        for (ByteBuf under = buffer; under != null; under = under.unwrap()) {
            if (under instanceof Owned block) {
                return block;
            }
        }
        return null;
    }

    /** A block, whichever its memory. */
    private interface Owned {
        KeptBlocks owner();
    }

    /**
     * An allocator for a channel that reads into these blocks and takes every other buffer from {@code others}, the
     * channel's own. Each socket read asks for at most a block's size. Netty's pooled buffers would be copied whole
     * to the heap by Vert.x before anyone sees them (it cannot know when a reader is done with one); a block is
     * handed on as it is, and whoever reads it gives it back ({@link #giveBack}).
     */
    public ByteBufAllocator reading(ByteBufAllocator others) {
        return new Reading(others);
    }

    /** The buffers handed out and not yet released. */
    public long live() {
        return live.get();
    }

    private final class Reading extends AbstractByteBufAllocator {

        private final ByteBufAllocator others;

        Reading(ByteBufAllocator others) {
            this.others = others;
        }

        @Override
        public ByteBuf ioBuffer() {
            return allocate();
        }

        @Override
        public ByteBuf ioBuffer(int initialCapacity) {
            return initialCapacity <= size ? allocate() : others.ioBuffer(initialCapacity);
        }

        @Override
        public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
            return initialCapacity <= size ? allocate() : others.ioBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return others.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return others.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return others.isDirectBufferPooled();
        }
    }

    // Each block counts its memory in use (live): a block that grows takes new memory and gives back the old.
    private final class DirectBlock extends UnpooledDirectByteBuf implements Owned {

        DirectBlock() {
            super(UnpooledByteBufAllocator.DEFAULT, size, Integer.MAX_VALUE);
        }

        @Override
        public KeptBlocks owner() {
            return KeptBlocks.this;
        }

        @Override
        protected ByteBuffer allocateDirect(int capacity) {
            live.incrementAndGet();
            ByteBuffer kept = capacity == size ? memory.poll() : null;
            return kept != null ? kept.clear() : ByteBuffer.allocateDirect(capacity);
        }

        @Override
        protected void freeDirect(ByteBuffer buffer) {
            live.decrementAndGet();
            if (buffer.capacity() != size || !memory.offer(buffer)) {
                PlatformDependent.freeDirectBuffer(buffer);
            }
        }
    }

    private final class HeapBlock extends UnpooledHeapByteBuf implements Owned {

        HeapBlock() {
            super(UnpooledByteBufAllocator.DEFAULT, size, Integer.MAX_VALUE);
        }

        @Override
        public KeptBlocks owner() {
            return KeptBlocks.this;
        }

        @Override
        protected byte[] allocateArray(int capacity) {
            live.incrementAndGet();
            byte[] kept = capacity == size ? arrays.poll() : null;
            return kept != null ? kept : new byte[capacity];
        }

        @Override
        protected void freeArray(byte[] array) {
            live.decrementAndGet();
            if (array.length == size) {
                arrays.offer(array);
            }
        }
    }
}

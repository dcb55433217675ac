package dev.fluxsuite.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Heap buffers of one size whose arrays are kept for reuse once released, up to a bound. Kept arrays stay in the old
 * generation, where a young collection does not copy them; a buffer nobody releases is simply collected, so a path
 * that forgets one loses a reuse, never memory. A buffer that grows past the size moves to arrays of its own.
 * Release a buffer only when nothing reads it any more: its array goes to the next buffer handed out.
 */
public final class KeptBlocks {

    private final int size;
    private final BlockingQueue<byte[]> free;
    private final AtomicLong live = new AtomicLong();

    /**
     * @param size the length of each block
     * @param kept how many released blocks are kept at most
     */
    public KeptBlocks(int size, int kept) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(kept);
    }

    /** A buffer of one block's capacity, empty. */
    public ByteBuf allocate() {
        return new Block();
    }

    /**
     * Whether {@code buffer}, or the buffer it is a view of (a slice, a duplicate), came from here.
     */
    public boolean owns(ByteBuf buffer) {
        Block block = blockOf(buffer);
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

    private static Block blockOf(ByteBuf buffer) {
        for (ByteBuf under = buffer; under != null; under = under.unwrap()) {
            if (under instanceof Block block) {
                return block;
            }
        }
        return null;
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

    private final class Block extends UnpooledHeapByteBuf {

        Block() {
            super(UnpooledByteBufAllocator.DEFAULT, size, Integer.MAX_VALUE);
            live.incrementAndGet();
        }

        KeptBlocks owner() {
            return KeptBlocks.this;
        }

        @Override
        protected byte[] allocateArray(int capacity) {
            byte[] kept = capacity == size ? free.poll() : null;
            return kept != null ? kept : new byte[capacity];
        }

        @Override
        protected void freeArray(byte[] array) {
            if (array.length == size) {
                free.offer(array);
            }
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            live.decrementAndGet();
        }
    }
}

package dev.fluxsuite.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
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

    /** Whether {@code buffer} came from here: only those may be released by whoever is done with them. */
    public boolean owns(ByteBuf buffer) {
        return buffer instanceof Block block && block.owner() == this;
    }

    /** The buffers handed out and not yet released. */
    public long live() {
        return live.get();
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

package dev.fluxsuite.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

class KeptBlocksTest {

    @Test
    void aReleasedBlockIsTheNextOneHandedOut() {
        KeptBlocks blocks = KeptBlocks.onHeap(16, 2);
        ByteBuf first = blocks.allocate();
        byte[] array = first.array();
        assertThat(blocks.live()).isOne();

        first.release();
        ByteBuf second = blocks.allocate();

        assertThat(second.array()).isSameAs(array);
        assertThat(second.writerIndex()).isZero();
        assertThat(blocks.live()).isOne();
    }

    @Test
    void aBlockThatGrowsGivesItsArrayBackAndKeepsWhatItHeld() {
        KeptBlocks blocks = KeptBlocks.onHeap(16, 2);
        ByteBuf growing = blocks.allocate();
        byte[] block = growing.array();

        growing.writeBytes(new byte[20]);

        assertThat(growing.array()).isNotSameAs(block).hasSizeGreaterThanOrEqualTo(20);
        assertThat(blocks.allocate().array()).isSameAs(block);
    }

    @Test
    void keepsNoMoreThanItsBoundAndOwnsOnlyItsOwn() {
        KeptBlocks blocks = KeptBlocks.onHeap(16, 1);
        ByteBuf a = blocks.allocate();
        ByteBuf b = blocks.allocate();
        byte[] first = a.array();
        byte[] second = b.array();
        a.release();
        b.release();

        assertThat(blocks.allocate().array()).isSameAs(first);
        assertThat(blocks.allocate().array()).isNotSameAs(first).isNotSameAs(second);
        assertThat(blocks.live()).isEqualTo(2);
        assertThat(blocks.owns(blocks.allocate())).isTrue();
        assertThat(blocks.owns(KeptBlocks.onHeap(16, 1).allocate())).isFalse();
        assertThat(blocks.owns(Unpooled.buffer(16))).isFalse();
    }

    @Test
    void ownsViewsOfItsBlocksAndGivesBackKeptBlocksOnly() {
        KeptBlocks blocks = KeptBlocks.onHeap(16, 2);
        KeptBlocks others = KeptBlocks.onHeap(16, 2);
        ByteBuf block = blocks.allocate().writeBytes(new byte[12]);
        byte[] array = block.array();
        ByteBuf view = block.slice(4, 8);
        ByteBuf another = others.allocate();
        ByteBuf plain = Unpooled.buffer(16);

        assertThat(blocks.owns(view)).isTrue();
        assertThat(blocks.owns(view.duplicate())).isTrue();
        assertThat(KeptBlocks.isKept(view)).isTrue();
        assertThat(KeptBlocks.isKept(another)).isTrue();
        assertThat(KeptBlocks.isKept(plain)).isFalse();
        KeptBlocks.giveBack(plain);
        KeptBlocks.giveBack(view);
        KeptBlocks.giveBack(another);

        assertThat(plain.refCnt()).isOne();
        assertThat(blocks.live()).isZero();
        assertThat(others.live()).isZero();
        assertThat(blocks.allocate().array()).isSameAs(array);
    }

    @Test
    void aReleasedDirectBlockLendsItsMemoryToTheNextOne() {
        KeptBlocks blocks = KeptBlocks.direct(16, 2);
        ByteBuf first = blocks.allocate().writeByte(42);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.hasArray()).isFalse();

        first.release();
        ByteBuf second = blocks.allocate();

        assertThat(second.writerIndex()).isZero();
        assertThat(second.capacity()).isEqualTo(16);
        assertThat(second.getByte(0)).isEqualTo((byte) 42);
        assertThat(blocks.live()).isOne();
    }

    @Test
    void directBlocksPastTheBoundAreFreedAndGrowingOnesKeepWhatTheyHeld() {
        KeptBlocks blocks = KeptBlocks.direct(16, 1);
        ByteBuf a = blocks.allocate().writeByte(1);
        ByteBuf b = blocks.allocate().writeByte(2);
        a.release();
        b.release();

        assertThat(blocks.allocate().getByte(0)).isEqualTo((byte) 1);
        assertThat(blocks.allocate().getByte(0)).isZero();
        ByteBuf growing = blocks.allocate().writeBytes(new byte[20]).setByte(19, 7);
        assertThat(growing.capacity()).isGreaterThanOrEqualTo(20);
        assertThat(growing.getByte(19)).isEqualTo((byte) 7);
        assertThat(KeptBlocks.isKept(growing)).isTrue();
        assertThat(blocks.live()).isEqualTo(3);
    }

    @Test
    void aReadingAllocatorReadsIntoDirectBlocksAsTheyAre() {
        KeptBlocks blocks = KeptBlocks.direct(16, 2);
        ByteBuf read = blocks.reading(UnpooledByteBufAllocator.DEFAULT).ioBuffer(8);

        assertThat(blocks.owns(read)).isTrue();
        assertThat(read.isDirect()).isTrue();
    }

    @Test
    void aReadingAllocatorReadsIntoBlocksAndTakesTheRestFromTheChannels() {
        KeptBlocks blocks = KeptBlocks.onHeap(16, 2);
        ByteBufAllocator reading = blocks.reading(UnpooledByteBufAllocator.DEFAULT);

        assertThat(blocks.owns(reading.ioBuffer())).isTrue();
        assertThat(blocks.owns(reading.ioBuffer(16))).isTrue();
        assertThat(blocks.owns(reading.ioBuffer(8, 64))).isTrue();
        assertThat(blocks.owns(reading.ioBuffer(17))).isFalse();
        assertThat(blocks.owns(reading.heapBuffer(8))).isFalse();
        assertThat(blocks.owns(reading.directBuffer(8))).isFalse();
        assertThat(reading.isDirectBufferPooled()).isFalse();
    }
}

package dev.fluxsuite.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

class Base64SlicesTest {

    /** Every slice length once (98_303: 48 KiB, 3 * (2^14 - 1) bytes and two more), and each kind of end. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 2, 3, 4, 5, 6, 7, 49_151, 49_152, 49_153, 98_303, 98_304, 98_305, 300_000, 300_001 })
    void encodesAsTheWholeWouldWithoutMovingTheImage(int length) throws IOException {
        byte[] image = random(length);
        // After five bytes that are not the image's, in pieces of 40,000 bytes (slices of 48 KiB span two).
        CompositeByteBuf held = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        held.addComponent(true, Unpooled.wrappedBuffer(new byte[5]));
        for (int at = 0; at < length; at += 40_000) {
            held.addComponent(true, Unpooled.wrappedBuffer(image, at, Math.min(40_000, length - at)));
        }
        held.readerIndex(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Base64Slices.encode(held, out);

        assertThat(out.toString(US_ASCII)).isEqualTo(Base64.getEncoder().encodeToString(image));
        assertThat(held.readerIndex()).isEqualTo(5);
        assertThat(held.writerIndex()).isEqualTo(length + 5);
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 4, 5, 47, 48, 49, 49_151, 49_152, 49_153, 65_532 })
    void decodesPaddedOrNotFromTheMiddleOfABuffer(int length) {
        byte[] image = random(length);
        String padded = Base64.getEncoder().encodeToString(image);
        for (String text : new String[] { padded, padded.replace("=", "") }) {
            byte[] around = ("\"image\":\"" + text + "\"}").getBytes(US_ASCII);
            for (ByteBuf source : new ByteBuf[] { Unpooled.wrappedBuffer(around),
                    Unpooled.directBuffer(around.length).writeBytes(around) }) {
                ByteBuf into = Unpooled.buffer(3).writeBytes(new byte[] { 9, 9, 9 });

                Base64Slices.decode(source, 9, 9 + text.length(), into);

                assertThat(ByteBufUtil.getBytes(into, 3, into.readableBytes() - 3)).isEqualTo(image);
                assertThat(source.readerIndex()).isZero();
            }
        }
    }

    /** Base64 that goes on after a piece: each piece decodes apart, as whole groups of four. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 3, 6, 49_152, 49_155 })
    void decodesWholeGroupsPieceByPiece(int length) {
        byte[] image = random(length * 2);
        byte[] text = Base64.getEncoder().encode(image);
        ByteBuf into = Unpooled.buffer();

        Base64Slices.decodeGroups(Unpooled.wrappedBuffer(text), 0, text.length / 2, into);
        Base64Slices.decodeGroups(Unpooled.wrappedBuffer(text), text.length / 2, text.length, into);

        assertThat(ByteBufUtil.getBytes(into)).isEqualTo(image);
    }

    @Test
    void refusesGroupsThatArePaddedOrNotWhole() {
        ByteBuf padded = Unpooled.wrappedBuffer(("QUJD" + "QQ==").getBytes(US_ASCII));
        ByteBuf broken = Unpooled.wrappedBuffer("QUJDQQ".getBytes(US_ASCII));

        assertThatIllegalArgumentException().isThrownBy(() -> Base64Slices.decodeGroups(padded, 0, 8,
                Unpooled.buffer())).withMessageContaining("padding");
        assertThatIllegalArgumentException().isThrownBy(() -> Base64Slices.decodeGroups(broken, 0, 6,
                Unpooled.buffer())).withMessageContaining("whole groups");
    }

    @Test
    void decodesNothingToNothing() {
        ByteBuf into = Unpooled.buffer();

        Base64Slices.decode(Unpooled.wrappedBuffer(new byte[4]), 2, 2, into);

        assertThat(into.readableBytes()).isZero();
    }

    @Test
    void refusesWhatIsNotBase64() {
        String text = Base64.getEncoder().encodeToString(random(60_000));
        for (String bad : new String[] {
                text.substring(0, 30_000) + "\"" + text.substring(30_001),
                text.substring(0, 30_000) + "\\/" + text.substring(30_002),
                text.substring(0, text.length() - 1) + "\"",
                text + "A",
        }) {
            byte[] bytes = bad.getBytes(US_ASCII);
            assertThatIllegalArgumentException().isThrownBy(() -> Base64Slices.decode(Unpooled.wrappedBuffer(bytes), 0,
                    bytes.length, Unpooled.buffer()));
        }
    }

    /** Pieces that are each padded decode apart, never together: padding may only end the base64. */
    @Test
    void refusesPaddingBeforeTheEnd() {
        byte[] bytes = (Base64.getEncoder().encodeToString(random(3 * 1023 + 1)) + "QUJD").getBytes(US_ASCII);

        assertThatIllegalArgumentException().isThrownBy(() -> Base64Slices.decode(Unpooled.wrappedBuffer(bytes), 0,
                bytes.length, Unpooled.buffer()));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}

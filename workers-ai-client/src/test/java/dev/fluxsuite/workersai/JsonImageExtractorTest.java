package dev.fluxsuite.workersai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class JsonImageExtractorTest {

    @Test
    void findsTheFirstQuoteOrBackslashWhereverItIs() {
        Random random = new Random(8);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            // Every byte value but the two looked for, so that high bytes and near misses (0x21, 0xA2, 0x5D …) occur.
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '"' || bytes[i] == '\\') {
                    bytes[i] = 'A';
                }
            }
            for (int marks = random.nextInt(3); marks > 0 && bytes.length > 0; marks--) {
                bytes[random.nextInt(bytes.length)] = random.nextBoolean() ? (byte) '"' : (byte) '\\';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);

            assertThat(JsonImageExtractor.quoteOrBackslash(bytes, from, to)).as("round %d", round)
                    .isEqualTo(byteByByte(bytes, from, to));
        }
    }

    private static int byteByByte(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"' || bytes[i] == '\\') {
                return i;
            }
        }
        return to;
    }
}

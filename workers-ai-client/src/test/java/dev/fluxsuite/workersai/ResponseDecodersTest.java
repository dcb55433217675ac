package dev.fluxsuite.workersai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fluxsuite.testsupport.Streams;
import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

class ResponseDecodersTest {

    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFB,
            (byte) 0xFF };
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H' };

    @Test
    void decodesTheImageOfAFluxEnvelope() {
        String json = "{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(JPEG)
                + "\"},\"success\":true,\"errors\":[],\"messages\":[]}";

        ImageStream image = decode("application/json", json.getBytes(StandardCharsets.UTF_8), json.length());

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(read(image)).isEqualTo(JPEG);
    }

    /**
     * Every split of groups of four, of padding, of escapes and of keys between chunks must give the same bytes, with
     * slashes as they are (the image is then searched only where it ends) and escaped (searched from the first escape
     * on).
     */
    @ParameterizedTest
    @CsvSource({ "1, false", "2, true", "3, false", "5, true", "7, false", "64, true", "1000, false", "4095, false",
            "4096, true", "65536, false", "65536, true" })
    void decodesWhateverTheChunksSplit(int chunk, boolean escapedSlashes) {
        for (int length = 60_000; length <= 60_002; length++) {
            byte[] image = new byte[length];
            new Random(chunk).nextBytes(image);
            System.arraycopy(PNG, 0, image, 0, PNG.length);
            String base64 = Base64.getEncoder().encodeToString(image);
            String json = "{ \"success\" : true, \"result\" : { \"seed\": 3, \"note\": \"a \\\"quoted\\\" image\", "
                    + "\"image\" : \"" + (escapedSlashes ? base64.replace("/", "\\/") : base64)
                    + "\" }, \"errors\":[]}";

            ImageStream decoded = decode("application/json", json.getBytes(StandardCharsets.UTF_8), chunk);

            assertThat(decoded.format()).isEqualTo(ImageFormat.PNG);
            assertThat(read(decoded)).as("%d bytes", length).isEqualTo(image);
        }
    }

    /**
     * A body that does not end with the envelope's brace gives what is left of its image only at its end, and the
     * head too when the image is small; it still comes whole.
     */
    @ParameterizedTest
    @ValueSource(ints = { 9, 40_000 })
    void decodesAnImageThatComesOutOnlyAtTheEnd(int size) {
        byte[] image = Arrays.copyOf(JPEG, size);
        String json = "{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"},\"success\":true} A";

        ImageStream decoded = decode("application/json", json.getBytes(StandardCharsets.UTF_8), 4096);

        assertThat(read(decoded)).isEqualTo(image);
    }

    /** Written as image-service writes them, every piece gives its block back. */
    @Test
    void everyBlockGoesBackOnceItsPieceIsWritten() throws Exception {
        byte[] image = Arrays.copyOf(PNG, 300_000);
        new Random(5).nextBytes(image);
        System.arraycopy(PNG, 0, image, 0, PNG.length);
        String json = "{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"},\"success\":true}";
        long pieces = JsonImageExtractor.DECODED.live();

        ImageStream decoded = decode("application/json", json.getBytes(StandardCharsets.UTF_8), 4096);
        Buffer whole = Buffer.buffer();
        written(decoded, whole::appendBuffer).get(5, TimeUnit.SECONDS);

        assertThat(whole.getBytes()).isEqualTo(image);
        assertThat(JsonImageExtractor.DECODED.live()).isEqualTo(pieces);
    }

    @Test
    void passesRawBytesThrough() {
        byte[] image = Arrays.copyOf(PNG, 5000);

        ImageStream decoded = decode("image/png", image, 700);

        assertThat(decoded.format()).isEqualTo(ImageFormat.PNG);
        assertThat(read(decoded)).isEqualTo(image);
    }

    @Test
    void joinsAHeadTooShortToTellTheFormatFromPiecesThatCannotGrow() {
        byte[] image = Arrays.copyOf(PNG, 5000);
        // Pieces read from a connection are views of its read blocks, of a fixed size.
        List<Buffer> pieces = List.of(Buffer.buffer(Unpooled.wrappedBuffer(image).slice(0, 3)),
                Buffer.buffer(Unpooled.wrappedBuffer(image).slice(3, image.length - 3)));

        ImageStream decoded = ResponseDecoders.image().decode("image/png", new Chunks(pieces), () -> {
        }).await().atMost(Duration.ofSeconds(5));

        assertThat(decoded.format()).isEqualTo(ImageFormat.PNG);
        assertThat(read(decoded)).isEqualTo(image);
    }

    @Test
    void refusesWhatIsNoImageBeforeHandingItOver() {
        assertThatThrownBy(() -> decode("application/json", "{\"result\":{\"image\":\"not base64!\"},\"success\":true}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> decode("application/json", "{\"result\":{\"unexpected\":true},\"success\":true}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("without result.image");
        assertThatThrownBy(() -> decode("application/json", "{\"result\":{\"image\":\""
                + Base64.getEncoder().encodeToString("GIF89a-not-ours".getBytes(StandardCharsets.US_ASCII)) + "\"}}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("neither PNG nor JPEG");
        assertThatThrownBy(() -> decode("text/html", "<html>busy</html>"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("neither PNG nor JPEG");
    }

    /** Found while the head is read, the call fails (and is retried); found later, the rest fails. */
    @Test
    void failsWhenTheEnvelopeTurnsOutBad() {
        byte[] image = Arrays.copyOf(JPEG, 30_000);
        String base64 = Base64.getEncoder().encodeToString(image);
        assertThat(failure("{\"result\":{\"image\":\"" + base64 + "\"},\"success\":false}"))
                .isEqualTo("Workers AI answered 2xx with success=false");
        assertThat(failure("{\"result\":{\"image\":\"" + base64))
                .isEqualTo("Workers AI answered a JSON answer that ends inside result.image");
        assertThat(failure("{\"result\":{\"image\":\"" + base64.substring(0, 28_000) + "\\n\"}}"))
                .isEqualTo("Workers AI answered a result.image that is not base64");
        assertThat(failure("{\"result\":{\"image\":\"" + base64.substring(0, 16) + "\\n\"}}"))
                .isEqualTo("Workers AI answered a result.image that is not base64");
        // Not an escape: a byte that no base64 holds, in a piece the decoder refuses and the search lets through.
        assertThat(failure("{\"result\":{\"image\":\"" + base64.substring(0, 20_000) + "!" + base64.substring(20_001)
                + "\"},\"success\":true}"))
                .isEqualTo("Workers AI answered a result.image that is not base64");
    }

    /** Written as image-service writes them, up to a piece refused halfway: that one gives its block back too. */
    @Test
    void aRefusedPieceGivesItsBlockBack() throws Exception {
        byte[] image = Arrays.copyOf(PNG, 300_000);
        String base64 = Base64.getEncoder().encodeToString(image);
        String json = "{\"result\":{\"image\":\"" + base64.substring(0, 200_000) + "!" + base64.substring(200_001)
                + "\"},\"success\":true}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long pieces = JsonImageExtractor.DECODED.live();

        ImageStream decoded = decode("application/json", body, JsonImageExtractor.PIECE);
        CompletableFuture<Void> ended = written(decoded, piece -> {
        });

        assertThat(catchThrowable(() -> ended.get(5, TimeUnit.SECONDS)))
                .hasRootCauseInstanceOf(MalformedResponseException.class);
        assertThat(JsonImageExtractor.DECODED.live()).isEqualTo(pieces);
    }

    /** A connection lost halfway gives back the block the image was being decoded into. */
    @Test
    void aConnectionLostHalfwayGivesItsBlockBack() throws Exception {
        byte[] image = Arrays.copyOf(PNG, 300_000);
        String json = "{\"result\":{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"},\"success\":true}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        List<Buffer> chunks = new ArrayList<>();
        for (int i = 0; i < body.length; i += 10_000) {
            chunks.add(Buffer.buffer(Arrays.copyOfRange(body, i, Math.min(body.length, i + 10_000))));
        }
        long pieces = JsonImageExtractor.DECODED.live();

        ImageStream decoded = ResponseDecoders.image().decode("application/json", new Chunks(chunks, 20), () -> {
        }).await().atMost(Duration.ofSeconds(5));
        CompletableFuture<Void> ended = written(decoded, piece -> {
        });

        assertThat(catchThrowable(() -> ended.get(5, TimeUnit.SECONDS))).hasRootCauseMessage("Connection was closed");
        assertThat(JsonImageExtractor.DECODED.live()).isEqualTo(pieces);
    }

    /**
     * Reads {@code image} as image-service writes it: each piece, head first, to {@code writer}, then given back.
     * Completes at its end, or fails as it does.
     */
    private static CompletableFuture<Void> written(ImageStream image, Consumer<Buffer> writer) {
        writer.accept(image.head());
        ImageStream.written(image.head());
        CompletableFuture<Void> ended = new CompletableFuture<>();
        ReadStream<Buffer> rest = image.takeRest().orElseThrow();
        rest.exceptionHandler(ended::completeExceptionally);
        rest.endHandler(end -> ended.complete(null));
        rest.handler(piece -> {
            writer.accept(piece);
            ImageStream.written(piece);
        });
        rest.resume();
        return ended;
    }

    private static String failure(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Throwable failure = catchThrowable(() -> read(decode("application/json", body, 4096)));
        assertThat(failure).as("a failure").isNotNull();
        while (failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(MalformedResponseException.class);
        return failure.getMessage();
    }

    private static ImageStream decode(String mediaType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return decode(mediaType, bytes, bytes.length);
    }

    /** Every other piece outside the heap, as connections read them, the others in arrays. */
    private static ImageStream decode(String mediaType, byte[] body, int chunk) {
        List<Buffer> chunks = new ArrayList<>();
        for (int i = 0; i < body.length; i += chunk) {
            byte[] piece = Arrays.copyOfRange(body, i, Math.min(body.length, i + chunk));
            chunks.add(Buffer.buffer(chunks.size() % 2 == 0 ? Unpooled.directBuffer(piece.length).writeBytes(piece)
                    : Unpooled.wrappedBuffer(piece)));
        }
        return ResponseDecoders.image().decode(mediaType, new Chunks(chunks), () -> {
        }).await().atMost(Duration.ofSeconds(5));
    }

    private static byte[] read(ImageStream image) {
        return Streams.readAll(image.head(), image.takeRest(), Duration.ofSeconds(5));
    }

    /**
     * A body of fixed chunks, paused until resumed, handed out one at a time as a connection would; or lost, once
     * only {@code lostAt} are left.
     */
    private static final class Chunks implements ReadStream<Buffer> {

        private final List<Buffer> chunks;
        private final int lostAt;
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;
        private Handler<Throwable> exceptionHandler;
        private boolean paused = true;
        private boolean ended;

        Chunks(List<Buffer> chunks) {
            this(chunks, -1);
        }

        Chunks(List<Buffer> chunks, int lostAt) {
            this.chunks = new ArrayList<>(chunks);
            this.lostAt = lostAt;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            exceptionHandler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            paused = true;
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            paused = false;
            while (!paused && !chunks.isEmpty() && handler != null) {
                if (chunks.size() == lostAt) {
                    chunks.clear();
                    ended = true;
                    exceptionHandler.handle(new VertxException("Connection was closed"));
                    return this;
                }
                handler.handle(chunks.remove(0));
            }
            if (!paused && chunks.isEmpty() && !ended && endHandler != null) {
                ended = true;
                endHandler.handle(null);
            }
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return resume();
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            this.endHandler = endHandler;
            return this;
        }
    }
}

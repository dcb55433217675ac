package dev.fluxsuite.workersai.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.ResponseDecoder;
import dev.fluxsuite.workersai.StreamDecoder;

/**
 * One logical call to a model, which may take several attempts on several accounts. It remembers the
 * accounts it tried, so that a retry lands on another one, and how many attempts it took.
 */
public final class WorkersAiCall<T> {

    /** {@code @cf/author/name} or {@code @hf/author/name}: nothing that could climb out of the run path. */
    private static final Pattern MODEL_ID = Pattern
            .compile("@(cf|hf)/[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    private final String model;
    private final Map<String, ?> input;
    private final ResponseDecoder<T> decoder;
    private final StreamDecoder<T> streamDecoder;
    private final Set<Integer> tried = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();

    private WorkersAiCall(String model, Map<String, ?> input, ResponseDecoder<T> decoder, StreamDecoder<T> streamDecoder) {
        this.model = model;
        this.input = Map.copyOf(input);
        this.decoder = decoder;
        this.streamDecoder = streamDecoder;
    }

    /**
     * @param model a Workers AI model id such as {@code @cf/black-forest-labs/flux-1-schnell}
     * @param input the model's input object; null values are not allowed
     * @throws InvalidInputException when the model id is not of Workers AI's form
     */
    public static <T> WorkersAiCall<T> of(String model, Map<String, ?> input, ResponseDecoder<T> decoder) {
        return new WorkersAiCall<>(checked(model), input, decoder, null);
    }

    /**
     * A call whose answer is read as it arrives, for answers too large to hold whole (images).
     *
     * @throws InvalidInputException when the model id is not of Workers AI's form
     */
    public static <T> WorkersAiCall<T> streamed(String model, Map<String, ?> input, StreamDecoder<T> decoder) {
        return new WorkersAiCall<>(checked(model), input, null, decoder);
    }

    private static String checked(String model) {
        if (model == null || !MODEL_ID.matcher(model).matches() || model.contains("..")) {
            throw new InvalidInputException("'" + model + "' is not a Workers AI model id (like @cf/author/model)",
                    400, null, null);
        }
        return model;
    }

    public String model() {
        return model;
    }

    public Map<String, ?> input() {
        return input;
    }

    /** The decoder of the whole answer; null for a {@link #streamed} call. */
    public ResponseDecoder<T> decoder() {
        return decoder;
    }

    /** The decoder of an answer read as it arrives; null unless the call is {@link #streamed}. */
    public StreamDecoder<T> streamDecoder() {
        return streamDecoder;
    }

    /** Indexes of the accounts this call has tried so far. */
    public Set<Integer> tried() {
        return Set.copyOf(tried);
    }

    /** Upstream attempts made so far. */
    public int attempts() {
        return attempts.get();
    }

    void attempt(Account account) {
        tried.add(account.index());
        attempts.incrementAndGet();
    }
}

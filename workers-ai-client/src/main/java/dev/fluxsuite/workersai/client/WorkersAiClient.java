package dev.fluxsuite.workersai.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.WorkersAiException;
import dev.fluxsuite.workersai.neurons.NeuronLedger;
import dev.fluxsuite.workersai.pool.AccountPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Runs Workers AI models over the account pool. Each attempt takes the next account that can serve the
 * model; a failure that rests the account (capacity, daily quota, refused token) is tried again at once on
 * another account, server errors and timeouts after an exponential backoff, and bad input or an unknown
 * model not at all. When every account is out the call fails at once with
 * {@link dev.fluxsuite.workersai.AccountsUnavailableException}, which says when the first one returns.
 *
 * <p>
 * The timeout is per attempt, so one slow account does not use up the time of the others. Tune it, the
 * retries and the backoff with {@code quarkus.fault-tolerance."dev.fluxsuite.workersai.client.WorkersAiClient/run".*};
 * every duration here is in milliseconds, so that such a setting means what it says.
 * Nothing here holds a thread while Workers AI works.
 */
@ApplicationScoped
public class WorkersAiClient {

    private final WorkersAiHttp http;
    private final AccountPool pool;
    private final MeterRegistry meters;
    private final NeuronLedger ledger;

    WorkersAiClient(WorkersAiHttp http, AccountPool pool, MeterRegistry meters, NeuronLedger ledger) {
        this.http = http;
        this.pool = pool;
        this.meters = meters;
        this.ledger = ledger;
    }

    /**
     * Runs {@code call.model()} with {@code call.input()} and decodes the answer with the call's decoder: whole, or
     * as it arrives for a {@link WorkersAiCall#streamed} call, which then succeeds once its decoder has its value.
     *
     * @return the decoded value, the account that served it and the number of attempts
     */
    @AsynchronousNonBlocking
    @Retry(maxRetries = 4, delay = 200, jitter = 50, maxDuration = 180_000)
    @RetryWhen(exception = RetryableFailure.class)
    @CustomBackoff(UpstreamBackoff.class)
    @Timeout(60_000)
    public <T> Uni<WorkersAiResult<T>> run(WorkersAiCall<T> call) {
        return Uni.createFrom().deferred(() -> {
            Account account = pool.acquire(call.model(), call.tried());
            call.attempt(account);
            double reserved = ledger.reserve(account, call.model(), call.input());
            Uni<WorkersAiResult<T>> answer = call.streamDecoder() != null
                    ? http.run(account, call.model(), call.input(), call.streamDecoder())
                            .map(value -> result(call, account, value, reserved, reserved))
                    : http.run(account, call.model(), call.input()).map(response -> result(call, account,
                            call.decoder().decode(response), reserved, ledger.price(call.model(), call.input(), response)));
            return answer.onFailure().invoke(failure -> {
                ledger.settle(account, call.model(), reserved, 0);
                if (failure instanceof WorkersAiException classified) {
                    pool.report(account, call.model(), classified);
                }
                count(call, account, outcome(failure));
                Log.debugf("%s on %s, attempt %d: %s", call.model(), account, call.attempts(), failure.getMessage());
            })
                    // The fault-tolerance timeout cancels the attempt rather than failing it.
                    .onCancellation().invoke(() -> {
                        ledger.settle(account, call.model(), reserved, 0);
                        count(call, account, "timeout");
                    });
        });
    }

    private <T> WorkersAiResult<T> result(WorkersAiCall<T> call, Account account, T value, double reserved,
            double neurons) {
        ledger.settle(account, call.model(), reserved, neurons);
        count(call, account, "ok");
        return new WorkersAiResult<>(value, account.index(), call.attempts(), neurons);
    }

    /** {@code workers_ai_calls_total{model, account, outcome}}: the account by index only. */
    private void count(WorkersAiCall<?> call, Account account, String outcome) {
        meters.counter("workers_ai_calls", "model", call.model(), "account", Integer.toString(account.index()),
                "outcome", outcome).increment();
    }

    private static String outcome(Throwable failure) {
        return switch (failure) {
            case CapacityExceededException e -> "capacity";
            case QuotaExhaustedException e -> "quota";
            case AuthenticationFailedException e -> "auth";
            case InvalidInputException e -> "bad_input";
            default -> "error";
        };
    }
}

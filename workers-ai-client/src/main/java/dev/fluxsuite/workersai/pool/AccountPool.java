package dev.fluxsuite.workersai.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.jboss.logging.Logger;

import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.NoAccountsConfiguredException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UpstreamServerException;
import dev.fluxsuite.workersai.WorkersAiException;
import io.quarkus.logging.Log;

/**
 * The Cloudflare accounts and what each can do now. A call takes, among the accounts that can take the model, the one
 * with the most of its day left ({@link AccountLoad}), in rotation among equals, so that the accounts run out together
 * at the end of the day rather than one after another; a capacity answer rests that model on that account for a short time, a
 * spent daily allocation takes the
 * whole account out until the next 00:00 UTC (when Cloudflare resets every limit), a refused token rests
 * the account. Accounts come back by themselves when their time is up: nothing needs a restart. What this replica's
 * calls find is told to the {@link #onRest} listeners, and what other replicas found is {@link #learn}ed.
 */
public class AccountPool {

    private final List<Account> accounts;
    private final AccountState[] states;
    private final Cooldowns cooldowns;
    private final Clock clock;
    private final AccountLoad load;
    private final AtomicInteger cursor = new AtomicInteger();
    private final List<Consumer<AccountRest>> listeners = new CopyOnWriteArrayList<>();

    public AccountPool(List<Account> accounts, Cooldowns cooldowns, Clock clock) {
        this(accounts, cooldowns, clock, AccountLoad.NONE);
    }

    public AccountPool(List<Account> accounts, Cooldowns cooldowns, Clock clock, AccountLoad load) {
        this.accounts = List.copyOf(accounts);
        this.load = load;
        this.states = accounts.stream().map(a -> new AccountState()).toArray(AccountState[]::new);
        this.cooldowns = cooldowns;
        this.clock = clock;
    }

    /**
     * How long accounts rest when Workers AI names no wait.
     *
     * @param capacity a model on one account, after a capacity answer
     * @param auth an account whose token was refused
     * @param quota an account whose daily allocation is spent; empty: until the next 00:00 UTC
     */
    public record Cooldowns(Duration capacity, Duration auth, Optional<Duration> quota) {
    }

    public boolean configured() {
        return !accounts.isEmpty();
    }

    public int size() {
        return accounts.size();
    }

    public List<Account> accounts() {
        return accounts;
    }

    /**
     * The account that can take {@code model} now with the least spent today, the next in rotation among equals.
     * Accounts this call already tried are picked only when no untried one can take it, so a retry after a server
     * error lands elsewhere.
     *
     * @throws NoAccountsConfiguredException when the pool is empty
     * @throws AccountsUnavailableException when every account is out for this model, with the first return time
     */
    public Account acquire(String model, Set<Integer> tried) {
        if (accounts.isEmpty()) {
            throw new NoAccountsConfiguredException();
        }
        Instant now = clock.instant();
        int n = accounts.size();
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        Account best = null;
        double bestSpent = 0;
        Account triedBefore = null;
        for (int i = 0; i < n; i++) {
            Account account = accounts.get((start + i) % n);
            if (states[account.index()].availableAt(model, now).isAfter(now)) {
                continue;
            }
            if (tried.contains(account.index())) {
                triedBefore = triedBefore == null ? account : triedBefore;
                continue;
            }
            double spent = load.spent(account.index());
            if (best == null || spent < bestSpent) {
                best = account;
                bestSpent = spent;
            }
        }
        if (best != null) {
            return best;
        }
        if (triedBefore != null) {
            return triedBefore;
        }
        throw unavailable(model, now);
    }

    /**
     * Records what a failed call says about its account: rests it, or the model on it, when the failure calls for it,
     * and tells the {@link #onRest} listeners.
     */
    public void report(Account account, String model, WorkersAiException failure) {
        Instant now = clock.instant();
        AccountRest rest = switch (failure) {
            case CapacityExceededException e -> new AccountRest(account.index(), AccountRest.Reason.MODEL_RESTING, model,
                    now.plus(e.retryAfter().orElse(cooldowns.capacity())));
            case QuotaExhaustedException e -> new AccountRest(account.index(), AccountRest.Reason.QUOTA_EXHAUSTED, null,
                    e.retryAfter().map(now::plus).orElseGet(() -> quotaReturn(now)));
            case AuthenticationFailedException e -> new AccountRest(account.index(),
                    AccountRest.Reason.AUTHENTICATION_FAILED, null, now.plus(cooldowns.auth()));
            // Workers AI asked for a pause: honour it for this model on this account, others keep serving.
            case UpstreamServerException e when e.retryAfter().isPresent() ->
                new AccountRest(account.index(), AccountRest.Reason.MODEL_RESTING, model, now.plus(e.retryAfter().get()));
            // Server errors without a stated wait, bad input and unknown models say nothing about the account.
            default -> null;
        };
        if (rest != null && apply(rest, false)) {
            listeners.forEach(listener -> listener.accept(rest));
        }
    }

    /**
     * Applies a rest that another replica found; a later deadline already in force wins.
     *
     * @return whether it changed anything here
     */
    public boolean learn(AccountRest rest) {
        return rest.account() >= 0 && rest.account() < states.length && rest.until().isAfter(clock.instant())
                && apply(rest, true);
    }

    /** Each rest that this replica's own calls find, as it is found (not the ones it {@link #learn}s). */
    public void onRest(Consumer<AccountRest> listener) {
        listeners.add(listener);
    }

    /** Every rest in force now, whole accounts first. */
    public List<AccountRest> rests() {
        Instant now = clock.instant();
        List<AccountRest> rests = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            AccountStatus.State out = states[i].outReason(now);
            if (out != AccountStatus.State.AVAILABLE) {
                rests.add(new AccountRest(i, out == AccountStatus.State.QUOTA_EXHAUSTED
                        ? AccountRest.Reason.QUOTA_EXHAUSTED
                        : AccountRest.Reason.AUTHENTICATION_FAILED, null,
                        states[i].outUntil()));
            }
        }
        for (int i = 0; i < states.length; i++) {
            int account = i;
            states[i].coolingModels(now).forEach((model, until) -> rests.add(new AccountRest(account,
                    AccountRest.Reason.MODEL_RESTING, model, until)));
        }
        return rests;
    }

    /** Applies a rest here, and says so: WARN for a whole account this replica found out, else less. */
    private boolean apply(AccountRest rest, boolean learned) {
        AccountState state = states[rest.account()];
        boolean changed = switch (rest.reason()) {
            case MODEL_RESTING -> state.coolModel(rest.model(), rest.until());
            case QUOTA_EXHAUSTED -> state.takeOut(AccountStatus.State.QUOTA_EXHAUSTED, rest.until());
            case AUTHENTICATION_FAILED -> state.takeOut(AccountStatus.State.AUTHENTICATION_FAILED, rest.until());
        };
        if (changed) {
            String what = switch (rest.reason()) {
                case MODEL_RESTING -> rest.model() + " rests on it until ";
                case QUOTA_EXHAUSTED -> "it has used up its daily Workers AI allocation; out until ";
                case AUTHENTICATION_FAILED -> "Cloudflare refused its token (check CF_ACCOUNT_LIST); out until ";
            };
            Logger.Level level = rest.reason() == AccountRest.Reason.MODEL_RESTING ? Logger.Level.DEBUG
                    : learned ? Logger.Level.INFO : Logger.Level.WARN;
            Log.logf(level, "%s: %s%s%s", accounts.get(rest.account()), what, rest.until(),
                    learned ? ", as another replica found" : "");
        }
        return changed;
    }

    /** Every account's state now, for readiness and status pages. */
    public List<AccountStatus> status() {
        Instant now = clock.instant();
        return IntStream.range(0, accounts.size()).mapToObj(i -> {
            AccountState state = states[i];
            AccountStatus.State reason = state.outReason(now);
            Instant until = reason == AccountStatus.State.AVAILABLE ? null : state.outUntil();
            return new AccountStatus(i, reason, until, state.coolingModels(now));
        }).toList();
    }

    /** Whether at least one account is not out as a whole (a model may still be resting on it). */
    public boolean anyAvailable() {
        Instant now = clock.instant();
        for (AccountState state : states) {
            if (!state.outAt(now)) {
                return true;
            }
        }
        return false;
    }

    private AccountsUnavailableException unavailable(String model, Instant now) {
        Instant first = Instant.MAX;
        boolean allQuota = true;
        for (AccountState state : states) {
            Instant at = state.availableAt(model, now);
            if (at.isBefore(first)) {
                first = at;
            }
            allQuota &= state.outReason(now) == AccountStatus.State.QUOTA_EXHAUSTED;
        }
        Duration wait = Duration.between(now, first);
        // Round up so that a client waiting Retry-After seconds never comes back a moment too early.
        Duration retryAfter = Duration.ofSeconds(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)));
        String why = allQuota
                ? "All %d Cloudflare accounts have used up their daily Workers AI allocation; it resets at %s"
                        .formatted(accounts.size(), first)
                : "All %d Cloudflare accounts are resting for %s after rate limits or errors; the first returns at %s"
                        .formatted(accounts.size(), model, first);
        return new AccountsUnavailableException(why, first, retryAfter, allQuota);
    }

    /** When Cloudflare resets the allocation, or sooner when a shorter probe interval is set. */
    private Instant quotaReturn(Instant now) {
        Instant midnight = nextUtcMidnight(now);
        return cooldowns.quota().map(now::plus).filter(probe -> probe.isBefore(midnight)).orElse(midnight);
    }

    static Instant nextUtcMidnight(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}

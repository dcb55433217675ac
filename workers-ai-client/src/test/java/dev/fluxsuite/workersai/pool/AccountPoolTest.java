package dev.fluxsuite.workersai.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fluxsuite.testsupport.MutableClock;
import dev.fluxsuite.workersai.Account;
import dev.fluxsuite.workersai.AccountsUnavailableException;
import dev.fluxsuite.workersai.AuthenticationFailedException;
import dev.fluxsuite.workersai.CapacityExceededException;
import dev.fluxsuite.workersai.InvalidInputException;
import dev.fluxsuite.workersai.NoAccountsConfiguredException;
import dev.fluxsuite.workersai.QuotaExhaustedException;
import dev.fluxsuite.workersai.UpstreamServerException;

class AccountPoolTest {

    private static final String FLUX = "@cf/black-forest-labs/flux-1-schnell";
    private static final String SDXL = "@cf/stabilityai/stable-diffusion-xl-base-1.0";
    private static final List<Account> THREE = List.of(
            new Account(0, "a", "ta"), new Account(1, "b", "tb"), new Account(2, "c", "tc"));
    private static final AccountPool.Cooldowns COOLDOWNS = new AccountPool.Cooldowns(Duration.ofSeconds(10),
            Duration.ofMinutes(5), Optional.empty());

    private MutableClock clock;
    private AccountPool pool;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-26T15:30:00Z"));
        pool = new AccountPool(THREE, COOLDOWNS, clock);
    }

    @Test
    void rotatesOverAllAccounts() {
        assertThat(List.of(take(FLUX), take(FLUX), take(FLUX), take(FLUX))).containsExactly(0, 1, 2, 0);
    }

    @Test
    void takesTheAccountWithTheMostNeuronsLeft() {
        double[] spent = { 900, 120, 500 };
        AccountPool spending = new AccountPool(THREE, COOLDOWNS, clock, account -> spent[account]);

        assertThat(spending.acquire(FLUX, Set.of()).index()).isEqualTo(1);
        spent[1] = 950;
        assertThat(spending.acquire(FLUX, Set.of()).index()).isEqualTo(2);
        assertThat(spending.acquire(FLUX, Set.of(2)).index()).isEqualTo(0);
    }

    @Test
    void rotatesAmongAccountsWithAsMuchLeft() {
        double[] spent = { 100, 100, 900 };
        AccountPool spending = new AccountPool(THREE, COOLDOWNS, clock, account -> spent[account]);

        assertThat(List.of(spending.acquire(FLUX, Set.of()).index(), spending.acquire(FLUX, Set.of()).index(),
                spending.acquire(FLUX, Set.of()).index())).containsExactly(0, 1, 0);
    }

    @Test
    void neuronsLeftNeverBringBackAnAccountThatIsOut() {
        double[] spent = { 0, 5000, 5000 };
        AccountPool spending = new AccountPool(THREE, COOLDOWNS, clock, account -> spent[account]);
        spending.report(THREE.get(0), FLUX, new QuotaExhaustedException("4006: daily free allocation", 429, 4006, null));

        assertThat(spending.acquire(FLUX, Set.of()).index()).isIn(1, 2);
    }

    @Test
    void prefersAccountsTheCallHasNotTried() {
        assertThat(pool.acquire(FLUX, Set.of(0, 1)).index()).isEqualTo(2);
        assertThat(pool.acquire(FLUX, Set.of(0, 1)).index()).isEqualTo(2);
    }

    @Test
    void reusesTriedAccountsWhenNoOtherCanServe() {
        assertThat(pool.acquire(FLUX, Set.of(0, 1, 2)).index()).isIn(0, 1, 2);
    }

    @Test
    void capacityRestsOnlyThatModelOnThatAccount() {
        pool.report(THREE.get(1), FLUX, capacity(null));

        assertThat(List.of(take(FLUX), take(FLUX), take(FLUX), take(FLUX))).doesNotContain(1);
        assertThat(List.of(take(SDXL), take(SDXL), take(SDXL))).contains(1);
    }

    @Test
    void capacityCooldownEndsByItself() {
        pool.report(THREE.get(1), FLUX, capacity(null));
        clock.advance(Duration.ofSeconds(10));

        assertThat(List.of(take(FLUX), take(FLUX), take(FLUX))).contains(1);
    }

    @Test
    void honoursRetryAfterOfACapacityAnswer() {
        THREE.forEach(a -> pool.report(a, FLUX, capacity(Duration.ofSeconds(42))));

        assertThatThrownBy(() -> take(FLUX)).isInstanceOfSatisfying(AccountsUnavailableException.class, e -> {
            assertThat(e.availableAt()).isEqualTo(clock.instant().plusSeconds(42));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
            assertThat(e.quotaExhausted()).isFalse();
        });
        clock.advance(Duration.ofSeconds(42));
        assertThat(take(FLUX)).isIn(0, 1, 2);
    }

    @Test
    void quotaTakesTheAccountOutUntilUtcMidnight() {
        pool.report(THREE.get(0), FLUX, quota());

        assertThat(List.of(take(SDXL), take(SDXL), take(SDXL), take(SDXL))).doesNotContain(0);
        assertThat(pool.status().get(0).state()).isEqualTo(AccountStatus.State.QUOTA_EXHAUSTED);
        assertThat(pool.status().get(0).until()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));

        clock.advance(Duration.ofHours(8).plusMinutes(30));
        assertThat(pool.status().get(0).state()).isEqualTo(AccountStatus.State.AVAILABLE);
        assertThat(List.of(take(SDXL), take(SDXL), take(SDXL))).contains(0);
    }

    @Test
    void aQuotaCooldownBringsTheAccountBackBeforeMidnightButNeverAfter() {
        pool = new AccountPool(THREE, new AccountPool.Cooldowns(Duration.ofSeconds(10), Duration.ofMinutes(5),
                Optional.of(Duration.ofMinutes(15))), clock);
        pool.report(THREE.get(0), FLUX, quota());
        assertThat(pool.status().get(0).until()).isEqualTo(Instant.parse("2026-11-26T15:45:00Z"));

        clock.advance(Duration.ofHours(8).plusMinutes(20));
        pool.report(THREE.get(0), FLUX, quota());
        assertThat(pool.status().get(0).until()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void allAccountsOutOfQuotaFailsAtOnceWithTheResetTime() {
        THREE.forEach(a -> pool.report(a, FLUX, quota()));

        assertThat(pool.anyAvailable()).isFalse();
        assertThatThrownBy(() -> take(SDXL)).isInstanceOfSatisfying(AccountsUnavailableException.class, e -> {
            assertThat(e.quotaExhausted()).isTrue();
            assertThat(e.availableAt()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
            assertThat(e.retryAfter()).contains(Duration.ofHours(8).plusMinutes(30));
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).contains("daily", "2026-11-27T00:00:00Z");
        });
    }

    @Test
    void firstReturnIsTheEarliestOfMixedRests() {
        pool.report(THREE.get(0), FLUX, quota());
        pool.report(THREE.get(1), FLUX, capacity(Duration.ofSeconds(30)));
        pool.report(THREE.get(2), FLUX, capacity(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> take(FLUX)).isInstanceOfSatisfying(AccountsUnavailableException.class, e -> {
            assertThat(e.availableAt()).isEqualTo(clock.instant().plusSeconds(5));
            assertThat(e.quotaExhausted()).isFalse();
        });
    }

    @Test
    void refusedTokenRestsTheAccountForTheAuthCooldown() {
        pool.report(THREE.get(2), FLUX, new AuthenticationFailedException("refused", 401, 10000, null));

        assertThat(pool.status().get(2).state()).isEqualTo(AccountStatus.State.AUTHENTICATION_FAILED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(pool.status().get(2).state()).isEqualTo(AccountStatus.State.AVAILABLE);
    }

    @Test
    void laterRestIsNotShortenedByAnEarlierOne() {
        pool.report(THREE.get(0), FLUX, quota());
        pool.report(THREE.get(0), FLUX, new AuthenticationFailedException("refused", 401, 10000, null));

        assertThat(pool.status().get(0).state()).isEqualTo(AccountStatus.State.QUOTA_EXHAUSTED);
    }

    @Test
    void serverErrorRestsTheModelOnlyWhenItNamesAWait() {
        pool.report(THREE.get(0), FLUX, new UpstreamServerException("500", 500, null, null));
        pool.report(THREE.get(0), FLUX, new InvalidInputException("400", 400, 5006, null));
        assertThat(pool.status().get(0).coolingModels()).isEmpty();

        pool.report(THREE.get(0), FLUX, new UpstreamServerException("503", 503, null, Duration.ofSeconds(3)));
        assertThat(pool.status().get(0).coolingModels()).containsKey(FLUX);
    }

    @Test
    void tellsWhatItsOwnCallsFindOnceEach() {
        List<AccountRest> found = new ArrayList<>();
        pool.onRest(found::add);

        pool.report(THREE.get(1), FLUX, quota());
        pool.report(THREE.get(1), FLUX, quota());
        pool.report(THREE.get(2), FLUX, capacity(null));
        pool.report(THREE.get(0), FLUX, new UpstreamServerException("500", 500, null, null));

        assertThat(found).containsExactly(
                new AccountRest(1, AccountRest.Reason.QUOTA_EXHAUSTED, null, Instant.parse("2026-11-27T00:00:00Z")),
                new AccountRest(2, AccountRest.Reason.MODEL_RESTING, FLUX, clock.instant().plusSeconds(10)));
    }

    @Test
    void learnsWhatAnotherReplicaFoundWithoutTellingItAgain() {
        List<AccountRest> found = new ArrayList<>();
        pool.onRest(found::add);

        assertThat(pool.learn(new AccountRest(0, AccountRest.Reason.QUOTA_EXHAUSTED, null,
                Instant.parse("2026-11-27T00:00:00Z")))).isTrue();
        assertThat(pool.learn(new AccountRest(2, AccountRest.Reason.MODEL_RESTING, FLUX, clock.instant().plusSeconds(30))))
                .isTrue();

        assertThat(List.of(take(FLUX), take(FLUX), take(FLUX))).containsOnly(1);
        assertThat(List.of(take(SDXL), take(SDXL), take(SDXL))).contains(2).doesNotContain(0);
        assertThat(found).isEmpty();
    }

    @Test
    void aLearnedRestNeitherShortensOneInForceNorCountsWhenItHasEnded() {
        pool.report(THREE.get(0), FLUX, quota());

        assertThat(pool.learn(new AccountRest(0, AccountRest.Reason.AUTHENTICATION_FAILED, null,
                clock.instant().plusSeconds(300)))).isFalse();
        assertThat(pool.learn(new AccountRest(1, AccountRest.Reason.QUOTA_EXHAUSTED, null, clock.instant()))).isFalse();
        assertThat(pool.learn(new AccountRest(7, AccountRest.Reason.QUOTA_EXHAUSTED, null,
                clock.instant().plusSeconds(60)))).isFalse();
        assertThat(pool.status().get(0).state()).isEqualTo(AccountStatus.State.QUOTA_EXHAUSTED);
        assertThat(pool.status().get(1).state()).isEqualTo(AccountStatus.State.AVAILABLE);
    }

    @Test
    void listsTheRestsInForce() {
        pool.report(THREE.get(0), FLUX, quota());
        pool.report(THREE.get(2), SDXL, capacity(Duration.ofSeconds(20)));
        pool.report(THREE.get(1), FLUX, capacity(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(6));

        assertThat(pool.rests()).containsExactly(
                new AccountRest(0, AccountRest.Reason.QUOTA_EXHAUSTED, null, Instant.parse("2026-11-27T00:00:00Z")),
                new AccountRest(2, AccountRest.Reason.MODEL_RESTING, SDXL, clock.instant().plusSeconds(14)));
    }

    @Test
    void emptyPoolSaysItIsNotConfigured() {
        AccountPool empty = new AccountPool(List.of(), COOLDOWNS, clock);

        assertThat(empty.configured()).isFalse();
        assertThatThrownBy(() -> empty.acquire(FLUX, Set.of())).isInstanceOf(NoAccountsConfiguredException.class)
                .hasMessageContaining("CF_ACCOUNT_LIST");
    }

    @Test
    void nextUtcMidnightIsTheFollowingDay() {
        assertThat(AccountPool.nextUtcMidnight(Instant.parse("2026-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(AccountPool.nextUtcMidnight(Instant.parse("2026-12-31T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    private int take(String model) {
        return pool.acquire(model, Set.of()).index();
    }

    private static CapacityExceededException capacity(Duration retryAfter) {
        return new CapacityExceededException("busy", 429, 3040, retryAfter);
    }

    private static QuotaExhaustedException quota() {
        return new QuotaExhaustedException("daily", 429, 4006, null);
    }
}

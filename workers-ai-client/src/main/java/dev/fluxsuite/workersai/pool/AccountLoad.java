package dev.fluxsuite.workersai.pool;

/** How much of its day an account has spent, for the pool to take the one with the most left. */
@FunctionalInterface
public interface AccountLoad {

    /** Every account alike: the pool rotates. */
    AccountLoad NONE = account -> 0;

    /** The estimated neurons the account has spent today, with those of its calls in flight. */
    double spent(int account);
}

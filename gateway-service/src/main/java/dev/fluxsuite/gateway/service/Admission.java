package dev.fluxsuite.gateway.service;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request a consumer's limits have let through, with the images it holds of the day's budget until it ends: what
 * it made is counted, what failed is given back. Ends once; later calls change nothing.
 */
public final class Admission {

    private final Budgets budgets;
    private final Consumer consumer;
    private final int images;
    private final AtomicBoolean ended = new AtomicBoolean();

    Admission(Budgets budgets, Consumer consumer, int images) {
        this.budgets = budgets;
        this.consumer = consumer;
        this.images = images;
    }

    public Consumer consumer() {
        return consumer;
    }

    /** The images were made, by {@code model}, at an estimated {@code neurons} in all. */
    public void succeeded(String model, double neurons) {
        if (ended.compareAndSet(false, true)) {
            budgets.succeeded(consumer, model, images, neurons);
        }
    }

    /** Nothing was made (an error, or a client that left before its answer): the images go back to the budget. */
    public void failed() {
        if (ended.compareAndSet(false, true)) {
            budgets.failed(consumer, images);
        }
    }
}

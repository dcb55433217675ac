package dev.fluxsuite.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.vertx.ext.web.RoutingContext;

class ImageBudgetTest {

    private final ImageBudget budget = new ImageBudget(2);
    private final List<String> started = new ArrayList<>();

    @Test
    void admitsUpToItsLimitThenStartsTheWaitingInOrderAsImagesAreReleased() {
        assertThat(budget.admits(request())).isTrue();
        assertThat(budget.admits(request())).isTrue();
        assertThat(budget.admits(request())).isFalse();
        budget.await(start("first"));
        budget.await(start("second"));
        assertThat(budget.admits(request())).as("not ahead of those waiting").isFalse();

        budget.released();
        assertThat(started).containsExactly("first");
        budget.released();
        assertThat(started).containsExactly("first", "second");
        assertThat(budget.held()).isEqualTo(2);
    }

    @Test
    void anImageOfARequestThatHoldsOneNeverWaits() {
        RoutingContext batch = request();
        assertThat(budget.admits(batch)).isTrue();
        assertThat(budget.admits(request())).isTrue();

        // Its request would hold its first image while this one waited for room that only its answer can make.
        assertThat(budget.admits(batch)).isTrue();
        assertThat(budget.admits(null)).as("outside a request").isTrue();
        assertThat(budget.held()).isEqualTo(4);
    }

    @Test
    void aWaitingImageNoLongerWantedHandsItsRoomOn() {
        budget.admits(request());
        budget.admits(request());
        budget.await(() -> false);
        budget.await(start("wanted"));

        budget.released();

        assertThat(started).containsExactly("wanted");
        assertThat(budget.held()).isEqualTo(2);
    }

    @Test
    void startsAWaitingImageWhenRoomWasMadeBeforeItQueued() {
        budget.admits(request());
        budget.admits(request());
        assertThat(budget.admits(request())).isFalse();
        budget.released();

        budget.await(start("late"));

        assertThat(started).containsExactly("late");
    }

    private BooleanSupplier start(String name) {
        return () -> started.add(name);
    }

    /** A request's context, of which the budget uses only its data. */
    private static RoutingContext request() {
        Map<String, Object> data = new HashMap<>();
        return (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] { RoutingContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "put" -> {
                        data.put((String) args[0], args[1]);
                        yield proxy;
                    }
                    case "get" -> data.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

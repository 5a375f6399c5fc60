package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Checkout outcomes and the time from the order's placement to its checkout's confirmation, read off the events the
 * saga's reactor handles (it reads only those, ADR 0030): a placement is remembered until its checkout ends (at most
 * {@value #MAX_OPEN}, so a flood of abandoned requests cannot grow it without bound; an order placed before a restart
 * is counted, not timed).
 */
final class CheckoutClock {
    static final int MAX_OPEN = 100_000;

    private final Meters meters;
    private final String subscription;
    private final Map<OrderId, Instant> requested = new ConcurrentHashMap<>();

    CheckoutClock(Meters meters, String subscription) {
        this.meters = meters;
        this.subscription = subscription;
    }

    boolean watches(String name) {
        return subscription.equals(name);
    }

    void saw(RecordedEvent recorded) {
        if (recorded.event() instanceof OrderEvent.OrderPlaced placed) {
            // the saga's reactor starts each checkout from the order's placement (it reads nothing else of the order's
            // start), so the clock starts there too: the time a buyer waits, as the benchmark's time to confirm
            if (requested.size() < MAX_OPEN) {
                requested.put(placed.orderId(), placed.at());
            }
            return;
        }
        if (!(recorded.event() instanceof CheckoutEvent event)) {
            return;
        }
        switch (event) {
            case CheckoutEvent.CheckoutConfirmed c -> {
                Instant since = requested.remove(c.orderId());
                if (since != null) {
                    meters.timer(
                                    "ordering.checkout.time_to_confirm",
                                    "From the order's placement to its checkout's confirmation",
                                    Tags.empty())
                            .record(Duration.between(since, c.at()));
                }
                ended("confirmed");
            }
            case CheckoutEvent.CheckoutFailed f -> ended(f.orderId(), "failed");
            case CheckoutEvent.CheckoutAbandoned a -> ended(a.orderId(), "abandoned");
            case CheckoutEvent.CheckoutCancelled c -> ended(c.orderId(), "cancelled");
            default -> {}
        }
    }

    private void ended(OrderId order, String outcome) {
        requested.remove(order);
        ended(outcome);
        if (!outcome.equals("abandoned")) {
            // a failed or cancelled checkout undoes what its steps did (releases stock, voids the authorization)
            meters.counter(
                            "ordering.checkout.compensations",
                            "Checkouts that ended by undoing their steps",
                            Tags.of("outcome", outcome))
                    .increment();
        }
    }

    private void ended(String outcome) {
        meters.counter("ordering.checkout.outcomes", "Checkouts that ended, by outcome", Tags.of("outcome", outcome))
                .increment();
    }
}

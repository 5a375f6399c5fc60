package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
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

    private final String subscription;
    private final Map<OrderId, Instant> requested = new ConcurrentHashMap<>();
    private final Meters.Family<Timer> timeToConfirm;
    private final Meters.Family<Counter> compensations;
    private final Meters.Family<Counter> outcomes;

    CheckoutClock(Meters meters, String subscription) {
        this.subscription = subscription;
        this.timeToConfirm = meters.timers(
                "ordering.checkout.time_to_confirm", "From the order's placement to its checkout's confirmation");
        this.compensations = meters.counters(
                "ordering.checkout.compensations", "Checkouts that ended by undoing their steps", "outcome");
        this.outcomes = meters.counters("ordering.checkout.outcomes", "Checkouts that ended, by outcome", "outcome");
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
                    timeToConfirm.with().record(Duration.between(since, c.at()));
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
            compensations.with(outcome).increment();
        }
    }

    private void ended(String outcome) {
        outcomes.with(outcome).increment();
    }
}

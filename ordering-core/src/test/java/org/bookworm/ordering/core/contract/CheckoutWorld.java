package org.bookworm.ordering.core.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.bookworm.ordering.core.testing.ManualClock;

/**
 * One composition of the four services (Ordering, Basket, Finance, Notification) as {@link CheckoutEndToEndContract}
 * drives it: the services it calls, the inspection points it asserts on, a clock that moves only when told, and the
 * single-threaded pumps. A fresh world is empty: no books in the catalog, no stock, no buyer profiles, no events. The
 * catalog, payment gateway and mailer are the in-memory ones in every composition (they stand for the outside world).
 *
 * @param allOutboxRows every outbox row, in a stable order (to compare the outbox before and after a replay)
 * @param drainer delivers every appended event to every projection and subscription and sends due e-mails, until
 *     nothing moves
 * @param deadlineFirer fires every saga deadline due at the given instant, then drains; answers how many fired
 */
public record CheckoutWorld(
        ManualClock clock,
        BuyerService buyers,
        OrderService orders,
        OrderQueries queries,
        BasketService baskets,
        BasketStore basketStore,
        InMemoryCatalog catalog,
        CheckoutService checkout,
        CheckoutSagaService sagas,
        PaymentService payments,
        Inventory inventory,
        SagaDeadlines deadlines,
        EmailOutbox outbox,
        Supplier<List<EmailOutbox.Row>> allOutboxRows,
        SimulatedPaymentGateway gateway,
        InMemoryMailer mailer,
        OrderViews orderViews,
        EventLog log,
        Checkpoints checkpoints,
        DeadLetters deadLetters,
        Runnable drainer,
        ToIntFunction<Instant> deadlineFirer) {

    public Instant now() {
        return clock.instant();
    }

    /** Moves the clock forward and answers the new instant. */
    public Instant advance(Duration by) {
        return clock.advance(by);
    }

    public List<EmailOutbox.Row> outboxRows() {
        return allOutboxRows.get();
    }

    public void drain() {
        drainer.run();
    }

    public int fireDeadlinesAt(Instant now) {
        return deadlineFirer.applyAsInt(now);
    }
}

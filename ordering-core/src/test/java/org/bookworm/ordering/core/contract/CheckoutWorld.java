package org.bookworm.ordering.core.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.bookworm.ordering.core.app.BasketService;
import org.bookworm.ordering.core.app.BuyerService;
import org.bookworm.ordering.core.app.CheckoutSagaService;
import org.bookworm.ordering.core.app.CheckoutService;
import org.bookworm.ordering.core.app.OrderQueries;
import org.bookworm.ordering.core.app.OrderService;
import org.bookworm.ordering.core.app.PaymentService;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.port.Checkpoints;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.Inventory;
import org.bookworm.ordering.core.port.OrderViews;
import org.bookworm.ordering.core.port.SagaDeadlines;
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

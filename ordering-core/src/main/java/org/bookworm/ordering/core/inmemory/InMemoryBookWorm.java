package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;

/**
 * All four services (Ordering, Basket, Finance, Notification) on the in-memory adapters, wired through
 * subscriptions of the one log as they are in PostgreSQL. {@link #drain()} delivers every event to every
 * subscription and sends due e-mails until nothing moves; {@link #fireDeadlinesAt} fires the sagas' deadlines due at
 * an instant, then drains. For tests and demos: single-threaded, nothing runs in the background.
 */
public final class InMemoryBookWorm {
    public final InMemoryOrdering ordering;
    public final InMemoryBasketStore basketStore = new InMemoryBasketStore();
    public final InMemoryCatalog catalog = new InMemoryCatalog();
    public final InMemoryInventory inventory = new InMemoryInventory();
    public final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    public final InMemorySagaDeadlines deadlines = new InMemorySagaDeadlines();
    public final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
    public final InMemoryMailer mailer = new InMemoryMailer();
    public final BasketService baskets;
    public final CheckoutService checkout;
    public final CheckoutSagaService sagas;
    public final PaymentService payments;
    public final NotificationService notifications;
    public final List<Subscription> subscriptions;
    private final Subscription.Retries retries;

    public InMemoryBookWorm(InstantSource clock, RandomGenerator random) {
        this(clock, random, CheckoutTimeouts.DEFAULT);
    }

    /** With the checkout saga's step timeout and attempts of {@code timeouts}. */
    public InMemoryBookWorm(InstantSource clock, RandomGenerator random, CheckoutTimeouts timeouts) {
        this.ordering = new InMemoryOrdering(clock, random);
        this.retries = Subscription.Retries.on(clock);
        var ids = new UuidV7Generator(clock, random);
        var stores = new EventSourcedRunner.Stores(ordering.events, ordering.snapshots, ordering.events, ids, clock);
        this.baskets = new BasketService(basketStore, catalog);
        // a saga step's deadline is written with the append of its request, as PostgreSQL does (ADR 0026)
        ordering.events.writeWithEachAppend(InMemorySagaDeadlines.requestedIn(deadlines));
        this.sagas = new CheckoutSagaService(stores, deadlines, timeouts);
        this.payments = new PaymentService(stores, gateway);
        this.notifications = new NotificationService(outbox, mailer, ids, clock);
        this.checkout = new CheckoutService(
                stores, ordering.orders, sagas, basketStore, catalog, ordering.buyers, inventory, payments);
        var reactor = new CheckoutReactor(sagas, payments, ordering.orders, inventory, basketStore, deadlines, clock);
        this.subscriptions = List.of(
                subscription(CheckoutReactor.NAME, reactor),
                subscription(
                        OrderFollowUpReactor.NOTIFICATIONS,
                        OrderFollowUpReactor.notifications(ordering.orders, notifications)),
                subscription(
                        OrderFollowUpReactor.BASKET_CLEARING,
                        OrderFollowUpReactor.basketClearing(ordering.orders, basketStore)));
    }

    private Subscription subscription(String name, org.bookworm.ordering.core.eventsourcing.EventHandler handler) {
        // retried on this world's clock, so a test's clock decides when a held lane is due again
        return new Subscription(
                name, ordering.events, ordering.checkpoints, ordering.deadLetters, handler, 100, 1, retries);
    }

    /** An operator's view of every subscription of this world (projections included) and of what they hold. */
    public DeadLetterService deadLetterService() {
        var names = new java.util.ArrayList<String>();
        ordering.subscriptions.forEach(subscription -> names.add(subscription.name()));
        subscriptions.forEach(subscription -> names.add(subscription.name()));
        return new DeadLetterService(ordering.deadLetters, ordering.checkpoints, names, retries.clock());
    }

    /** Delivers every appended event to every subscription and sends due e-mails, until nothing moves. */
    public void drain() {
        int moved;
        do {
            ordering.drain();
            moved = 0;
            for (Subscription subscription : subscriptions) {
                moved += subscription.drain();
            }
            moved += notifications.deliverDue();
        } while (moved > 0);
    }

    /** Fires every saga deadline due at {@code now}, then drains; returns how many fired. */
    public int fireDeadlinesAt(Instant now) {
        int fired = sagas.fireDue(now);
        drain();
        return fired;
    }
}

package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.ManualClock;

/**
 * The four services wired as {@code InMemoryBookWorm} wires them, but with PostgreSQL as the system of record: events,
 * read models, checkpoints, dead letters, inventory, saga deadlines and the e-mail outbox. Baskets, the catalog, the
 * payment gateway and the mailer stay in memory (Redis, the catalog service and the outside world are not ours here).
 */
final class PostgresBookWorm {
    final PostgresAdapters pg;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    final InMemoryBasketStore basketStore = new InMemoryBasketStore();
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    final InMemoryMailer mailer = new InMemoryMailer();
    final OrderService orders;
    final BuyerService buyers;
    final OrderQueries queries;
    final BasketService baskets;
    final CheckoutService checkout;
    final CheckoutSagaService sagas;
    final PaymentService payments;
    final NotificationService notifications;
    final List<Subscription> subscriptions;

    PostgresBookWorm(PostgresAdapters pg) {
        this.pg = pg;
        var ids = new UuidV7Generator(clock, new SplittableRandom(42));
        var stores = new EventSourcedRunner.Stores(pg.eventStore(), pg.snapshots(), pg.idempotencyKeys(), ids, clock);
        this.orders = new OrderService(stores);
        this.buyers = new BuyerService(stores);
        this.queries = new OrderQueries(pg.orderViews(), pg.eventStore());
        this.baskets = new BasketService(basketStore, catalog);
        this.sagas = new CheckoutSagaService(stores, pg.sagaDeadlines());
        this.payments = new PaymentService(stores, gateway);
        this.notifications = new NotificationService(pg.emailOutbox(), mailer, ids, clock);
        this.checkout =
                new CheckoutService(stores, orders, sagas, basketStore, catalog, buyers, pg.inventory(), payments);
        var reactor =
                new CheckoutReactor(sagas, payments, orders, pg.inventory(), basketStore, pg.sagaDeadlines(), clock);
        this.subscriptions = List.of(
                subscription(CheckoutReactor.NAME, reactor),
                subscription(
                        OrderFollowUpReactor.NOTIFICATIONS, OrderFollowUpReactor.notifications(orders, notifications)),
                subscription(
                        OrderFollowUpReactor.BASKET_CLEARING,
                        OrderFollowUpReactor.basketClearing(orders, basketStore)));
    }

    private Subscription subscription(String name, EventHandler handler) {
        return new Subscription(name, pg.eventLog(), pg.checkpoints(), pg.deadLetters(), handler, 100, 4);
    }

    /** Projections, reactors and due e-mails until nothing moves. */
    void drain() {
        int moved;
        do {
            moved = pg.drainProjections();
            for (Subscription subscription : subscriptions) {
                moved += subscription.drain();
            }
            moved += notifications.deliverDue();
        } while (moved > 0);
    }

    int fireDeadlinesAt(Instant now) {
        int fired = sagas.fireDue(now);
        drain();
        return fired;
    }
}

package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.ManualClock;

/**
 * The four services composed by the core's {@link ServiceGraph}, as {@code InMemoryBookWorm} composes them, but with
 * PostgreSQL as the system of record: events, read models, checkpoints, dead letters, inventory, saga deadlines and the
 * e-mail outbox. Baskets, the catalog, the payment gateway and the mailer stay in memory (Redis, the catalog service
 * and the outside world are not ours here).
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
    final ServiceGraph graph;

    PostgresBookWorm(PostgresAdapters pg) {
        this.pg = pg;
        var ports = new ServiceGraph.Ports(
                pg.eventStore(),
                pg.eventLog(),
                pg.idempotencyKeys(),
                pg.snapshots(),
                pg.checkpoints(),
                pg.deadLetters(),
                pg.orderViews(),
                pg.buyerViews(),
                basketStore,
                catalog,
                pg.inventory(),
                gateway,
                pg.sagaDeadlines(),
                pg.emailOutbox(),
                mailer,
                pg.unitOfWork());
        // held lanes retried on the system clock, as a server's are; four lanes per reactor, as ordering serve runs
        var settings = ServiceGraph.Settings.of(clock, new SplittableRandom(42))
                .withRetries(Subscription.Retries.on(InstantSource.system()))
                .withReactorLanes(4);
        this.graph = new ServiceGraph(ports, settings);
        this.orders = graph.orders();
        this.buyers = graph.buyers();
        this.queries = graph.queries();
        this.baskets = graph.baskets();
        this.checkout = graph.checkout();
        this.sagas = graph.sagas();
        this.payments = graph.payments();
        this.notifications = graph.notifications();
        this.subscriptions = graph.reactors();
    }

    /** Projections, reactors and due e-mails until nothing moves. */
    void drain() {
        int moved;
        do {
            moved = drainProjections();
            for (Subscription subscription : subscriptions) {
                moved += subscription.drain();
            }
            moved += notifications.deliverDue();
        } while (moved > 0);
    }

    /** The projections until they are caught up; returns how many events they read. */
    int drainProjections() {
        int read = 0;
        for (Subscription projection : graph.projections()) {
            read += projection.drain();
        }
        return read;
    }

    int fireDeadlinesAt(Instant now) {
        int fired = sagas.fireDue(now);
        drain();
        return fired;
    }
}

package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.CheckoutService;

/**
 * All four services (Ordering, Basket, Finance, Notification) on the in-memory adapters: the {@link ServiceGraph} on
 * in-memory ports, wired through subscriptions of the one log as it is on PostgreSQL. {@link #drain()} delivers every
 * event to every subscription and sends due e-mails until nothing moves; {@link #fireDeadlinesAt} fires the sagas'
 * deadlines due at an instant, then drains. For tests and demos: single-threaded, nothing runs in the background.
 */
public final class InMemoryBookWorm {
    /** Every port of the graph, in memory. */
    static final class Stores {
        final InMemoryEventStore events;
        final InMemoryOrderViews orderViews = new InMemoryOrderViews();
        final InMemoryBuyerViews buyerViews = new InMemoryBuyerViews();
        final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
        final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
        final InMemorySnapshots snapshots = new InMemorySnapshots();
        final InMemoryBasketStore basketStore = new InMemoryBasketStore();
        final InMemoryCatalog catalog = new InMemoryCatalog();
        final InMemoryInventory inventory = new InMemoryInventory();
        final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
        final InMemorySagaDeadlines deadlines = new InMemorySagaDeadlines();
        final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
        final InMemoryMailer mailer = new InMemoryMailer();

        Stores(InstantSource clock) {
            this.events = new InMemoryEventStore(clock);
            // a saga step's deadline is written with the append of its request, as PostgreSQL does (ADR 0026)
            events.writeWithEachAppend(InMemorySagaDeadlines.requestedIn(deadlines));
        }

        ServiceGraph.Ports ports() {
            return new ServiceGraph.Ports(
                    events,
                    events,
                    events,
                    snapshots,
                    checkpoints,
                    deadLetters,
                    orderViews,
                    buyerViews,
                    basketStore,
                    catalog,
                    inventory,
                    gateway,
                    deadlines,
                    outbox,
                    mailer,
                    UnitOfWork.NONE);
        }
    }

    public final InMemoryOrdering ordering;
    public final InMemoryBasketStore basketStore;
    public final InMemoryCatalog catalog;
    public final InMemoryInventory inventory;
    public final SimulatedPaymentGateway gateway;
    public final InMemorySagaDeadlines deadlines;
    public final InMemoryEmailOutbox outbox;
    public final InMemoryMailer mailer;
    public final BasketService baskets;
    public final CheckoutService checkout;
    public final CheckoutSagaService sagas;
    public final PaymentService payments;
    public final NotificationService notifications;
    /** The reactors' subscriptions; the projections' are {@code ordering.subscriptions}. */
    public final List<Subscription> subscriptions;

    private final ServiceGraph graph;

    public InMemoryBookWorm(InstantSource clock, RandomGenerator random) {
        this(clock, random, CheckoutTimeouts.DEFAULT);
    }

    /** With the checkout saga's step timeout and attempts of {@code timeouts}. */
    public InMemoryBookWorm(InstantSource clock, RandomGenerator random, CheckoutTimeouts timeouts) {
        // held lanes are retried on this world's clock, so a test's clock decides when one is due again
        this(ServiceGraph.Settings.of(clock, random).withCheckout(timeouts));
    }

    /** On the graph of {@code settings}; its clock is this world's (the event store stamps with it too). */
    public InMemoryBookWorm(ServiceGraph.Settings settings) {
        this(settings, events -> events, EventHandler.Decorator.NONE);
    }

    /**
     * As above, observed (ADR 0033): the services and reactors append through {@code events} wrapped around the store
     * (the log and the idempotency keys stay the store itself), and each subscription's handler is decorated.
     */
    public InMemoryBookWorm(
            ServiceGraph.Settings settings, UnaryOperator<EventStore> events, EventHandler.Decorator handlers) {
        var stores = new Stores(settings.clock());
        var ports = stores.ports();
        this.graph = new ServiceGraph(
                new ServiceGraph.Ports(
                        events.apply(ports.events()),
                        ports.log(),
                        ports.idempotencyKeys(),
                        ports.snapshots(),
                        ports.checkpoints(),
                        ports.deadLetters(),
                        ports.orderViews(),
                        ports.buyerViews(),
                        ports.baskets(),
                        ports.catalog(),
                        ports.inventory(),
                        ports.gateway(),
                        ports.deadlines(),
                        ports.outbox(),
                        ports.mailer(),
                        ports.projectionUnits()),
                settings,
                handlers);
        this.ordering = new InMemoryOrdering(stores, graph);
        this.basketStore = stores.basketStore;
        this.catalog = stores.catalog;
        this.inventory = stores.inventory;
        this.gateway = stores.gateway;
        this.deadlines = stores.deadlines;
        this.outbox = stores.outbox;
        this.mailer = stores.mailer;
        this.baskets = graph.baskets();
        this.checkout = graph.checkout();
        this.sagas = graph.sagas();
        this.payments = graph.payments();
        this.notifications = graph.notifications();
        this.subscriptions = graph.reactors();
    }

    /** The composition this world runs. */
    public ServiceGraph graph() {
        return graph;
    }

    /** An operator's view of every subscription of this world (projections included) and of what they hold. */
    public DeadLetterService deadLetterService() {
        return graph.deadLetterService();
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

package org.bookworm.ordering.core.composition;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.CatalogService;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.Snapshots;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentGateway;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.EmailRequests;
import org.bookworm.ordering.core.notification.Mailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.BuyerProjector;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.jspecify.annotations.Nullable;

/**
 * The four services (Ordering, Basket, Finance, Notification) composed once from their ports and settings: every
 * application service, the reactors that move a checkout forward and notify, the projections that keep the read
 * models current, and the subscriptions that run them on the one log. Nothing runs here: the caller drains the
 * subscriptions (tests, the in-memory world) or follows them on threads of its own ({@code ordering serve}), and
 * fires the saga deadlines and delivers e-mails on its own schedule. Decorators (caches, fault injection, rate limits)
 * wrap a port before it is handed in, or a service after it is built.
 */
public final class ServiceGraph {
    /** Every subscription of the graph by name: the reactors, then the projections. */
    public static final List<String> SUBSCRIPTIONS = List.of(
            CheckoutReactor.NAME,
            OrderFollowUpReactor.NOTIFICATIONS,
            OrderFollowUpReactor.BASKET_CLEARING,
            OrderProjector.NAME,
            BuyerProjector.NAME);

    /**
     * The service whose process runs each subscription: Finance its checkout saga; Ordering its follow-up reactors
     * (they react to orders, calling Notification's and Basket's ports) and its projections.
     */
    public static final Map<String, Service> OWNERS = Map.of(
            CheckoutReactor.NAME, Service.FINANCE,
            OrderFollowUpReactor.NOTIFICATIONS, Service.ORDERING,
            OrderFollowUpReactor.BASKET_CLEARING, Service.ORDERING,
            OrderProjector.NAME, Service.ORDERING,
            BuyerProjector.NAME, Service.ORDERING);

    /** Events a reactor's subscription reads per batch. */
    private static final int REACTOR_BATCH = 100;

    /**
     * What the graph runs on: the event-sourcing stores, each service's driven ports, and the unit of work a
     * projection's batch runs in (its rows, held lanes and checkpoint in one transaction where they share a store;
     * {@link UnitOfWork#NONE} in memory).
     */
    public record Ports(
            EventStore events,
            EventLog log,
            IdempotencyKeys idempotencyKeys,
            Snapshots snapshots,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            OrderViews orderViews,
            BuyerViews buyerViews,
            BasketStore baskets,
            Catalog catalog,
            Inventory inventory,
            PaymentGateway gateway,
            SagaDeadlines deadlines,
            EmailOutbox outbox,
            Mailer mailer,
            UnitOfWork projectionUnits) {
        public Ports {
            Objects.requireNonNull(events, "event store");
            Objects.requireNonNull(log, "event log");
            Objects.requireNonNull(idempotencyKeys, "idempotency keys");
            Objects.requireNonNull(snapshots, "snapshots");
            Objects.requireNonNull(checkpoints, "checkpoints");
            Objects.requireNonNull(deadLetters, "dead letters");
            Objects.requireNonNull(orderViews, "order views");
            Objects.requireNonNull(buyerViews, "buyer views");
            Objects.requireNonNull(baskets, "basket store");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(gateway, "payment gateway");
            Objects.requireNonNull(deadlines, "saga deadlines");
            Objects.requireNonNull(outbox, "e-mail outbox");
            Objects.requireNonNull(mailer, "mailer");
            Objects.requireNonNull(projectionUnits, "projections' unit of work");
        }
    }

    /**
     * How the graph behaves: the clock and random source (ids, jitter), the checkout saga's timeouts, e-mail retries
     * and retention, how held lanes are retried, how many lanes (orders) a reactor handles at once, and how many
     * events a projection reads per batch.
     */
    public record Settings(
            InstantSource clock,
            RandomGenerator random,
            CheckoutTimeouts checkout,
            NotificationService.Settings mail,
            Subscription.Retries retries,
            int reactorLanes,
            int projectionBatch) {
        public Settings {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random source");
            Objects.requireNonNull(checkout, "checkout timeouts");
            Objects.requireNonNull(mail, "mail settings");
            Objects.requireNonNull(retries, "retries");
            if (reactorLanes < 1) {
                throw new IllegalArgumentException(
                        "a reactor handles at least one lane at a time, not " + reactorLanes);
            }
            if (projectionBatch < 1) {
                throw new IllegalArgumentException(
                        "a projection reads at least one event per batch, not " + projectionBatch);
            }
        }

        /** The defaults on this clock and random source: one lane per reactor, held lanes retried on the clock. */
        public static Settings of(InstantSource clock, RandomGenerator random) {
            return new Settings(
                    clock,
                    random,
                    CheckoutTimeouts.DEFAULT,
                    NotificationService.Settings.DEFAULT,
                    Subscription.Retries.on(clock),
                    1,
                    500);
        }

        public Settings withCheckout(CheckoutTimeouts timeouts) {
            return new Settings(clock, random, timeouts, mail, retries, reactorLanes, projectionBatch);
        }

        public Settings withMail(NotificationService.Settings settings) {
            return new Settings(clock, random, checkout, settings, retries, reactorLanes, projectionBatch);
        }

        public Settings withRetries(Subscription.Retries how) {
            return new Settings(clock, random, checkout, mail, how, reactorLanes, projectionBatch);
        }

        public Settings withReactorLanes(int lanes) {
            return new Settings(clock, random, checkout, mail, retries, lanes, projectionBatch);
        }

        public Settings withProjectionBatch(int events) {
            return new Settings(clock, random, checkout, mail, retries, reactorLanes, events);
        }
    }

    /**
     * The ports of services that run in another process (issue 15, ADR 0031), each null when its service runs here.
     * Basket's inventory, checkout calls and catalog are used by Ordering's checkout and reactors and by Finance's saga
     * instead of {@link Ports#inventory()}, {@link Ports#baskets()} and {@link Ports#catalog()}; Notification's
     * e-mail requests by Ordering's follow-up reactor instead of this graph's {@link NotificationService}; Finance's
     * payment authorizations by Ordering's checkout and modifications instead of this graph's {@link PaymentService}
     * (Finance's saga keeps its own: it runs where Finance runs). A service's
     * own application services always use its own ports.
     */
    public record Elsewhere(
            @Nullable Inventory inventory,
            @Nullable BasketCheckouts basketCheckouts,
            @Nullable Catalog catalog,
            @Nullable EmailRequests emailRequests,
            @Nullable PaymentAuthorizations paymentAuthorizations) {
        /** Every service in this process. */
        public static final Elsewhere NONE = new Elsewhere(null, null, null, null, null);
    }

    private final Ports ports;
    private final Settings settings;
    private final OrderService orders;
    private final BuyerService buyers;
    private final OrderQueries queries;
    private final BasketService baskets;
    private final CatalogService catalog;
    private final CheckoutService checkout;
    private final CheckoutSagaService sagas;
    private final PaymentService payments;
    private final NotificationService notifications;
    private final List<Subscription> reactors;
    private final List<Subscription> projections;
    private final EventHandler.Decorator handlers;

    public ServiceGraph(Ports ports, Settings settings) {
        this(ports, settings, Elsewhere.NONE, EventHandler.Decorator.NONE);
    }

    /** With the ports of the services that run elsewhere; see {@link Elsewhere}. */
    public ServiceGraph(Ports ports, Settings settings, Elsewhere elsewhere) {
        this(ports, settings, elsewhere, EventHandler.Decorator.NONE);
    }

    /**
     * All four services here, each subscription's handler wrapped by {@code handlers} (tracing and metrics: ADR 0033).
     */
    public ServiceGraph(Ports ports, Settings settings, EventHandler.Decorator handlers) {
        this(ports, settings, Elsewhere.NONE, handlers);
    }

    /** With the services that run elsewhere, and each subscription's handler wrapped by {@code handlers}. */
    public ServiceGraph(Ports ports, Settings settings, Elsewhere elsewhere, EventHandler.Decorator handlers) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handlers = Objects.requireNonNull(handlers, "handler decorator");
        var clock = settings.clock();
        var ids = new UuidV7Generator(clock, settings.random());
        var stores =
                new EventSourcedRunner.Stores(ports.events(), ports.snapshots(), ports.idempotencyKeys(), ids, clock);
        this.orders = new OrderService(stores);
        this.buyers = new BuyerService(stores);
        this.queries = new OrderQueries(ports.orderViews(), ports.events());
        this.baskets = new BasketService(ports.baskets(), ports.catalog());
        this.catalog = new CatalogService(ports.catalog(), ports.inventory());
        this.sagas = new CheckoutSagaService(stores, ports.deadlines(), settings.checkout());
        this.payments = new PaymentService(stores, ports.gateway());
        this.notifications =
                new NotificationService(ports.outbox(), ports.mailer(), ids, clock, settings.mail(), settings.random());
        Inventory stock = elsewhere.inventory() != null ? elsewhere.inventory() : ports.inventory();
        BasketCheckouts basketCheckouts =
                elsewhere.basketCheckouts() != null ? elsewhere.basketCheckouts() : ports.baskets();
        Catalog books = elsewhere.catalog() != null ? elsewhere.catalog() : ports.catalog();
        PaymentAuthorizations authorizations =
                elsewhere.paymentAuthorizations() != null ? elsewhere.paymentAuthorizations() : payments;
        this.checkout =
                new CheckoutService(stores, orders, sagas, basketCheckouts, books, buyers, stock, authorizations);
        var reactor = new CheckoutReactor(sagas, payments, orders, stock, basketCheckouts, clock);
        this.reactors = List.of(
                reactor(CheckoutReactor.NAME, reactor),
                reactor(
                        OrderFollowUpReactor.NOTIFICATIONS,
                        OrderFollowUpReactor.notifications(
                                orders, elsewhere.emailRequests() != null ? elsewhere.emailRequests() : notifications)),
                reactor(
                        OrderFollowUpReactor.BASKET_CLEARING,
                        OrderFollowUpReactor.basketClearing(orders, basketCheckouts)));
        this.projections = List.of(
                projection(OrderProjector.NAME, new OrderProjector(ports.orderViews())),
                projection(BuyerProjector.NAME, new BuyerProjector(ports.buyerViews())));
    }

    private Subscription reactor(String name, EventHandler handler) {
        return new Subscription(
                name,
                ports.log(),
                ports.checkpoints(),
                ports.deadLetters(),
                handlers.around(name, handler),
                REACTOR_BATCH,
                settings.reactorLanes(),
                settings.retries());
    }

    private Subscription projection(String name, EventHandler handler) {
        // one lane: a batch is one transaction bound to the thread that runs it, its rows and checkpoint together
        return new Subscription(
                name,
                ports.log(),
                ports.checkpoints(),
                ports.deadLetters(),
                handlers.around(name, handler),
                settings.projectionBatch(),
                1,
                settings.retries(),
                ports.projectionUnits());
    }

    public Ports ports() {
        return ports;
    }

    public Settings settings() {
        return settings;
    }

    public OrderService orders() {
        return orders;
    }

    public BuyerService buyers() {
        return buyers;
    }

    public OrderQueries queries() {
        return queries;
    }

    public BasketService baskets() {
        return baskets;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public CheckoutService checkout() {
        return checkout;
    }

    public CheckoutSagaService sagas() {
        return sagas;
    }

    public PaymentService payments() {
        return payments;
    }

    public NotificationService notifications() {
        return notifications;
    }

    /** The reactors' subscriptions: the checkout saga's steps, the follow-up e-mails, basket clearing. */
    public List<Subscription> reactors() {
        return reactors;
    }

    /** The projections' subscriptions: order views, buyer views. */
    public List<Subscription> projections() {
        return projections;
    }

    /** Every subscription, named as {@link #SUBSCRIPTIONS}: the reactors, then the projections. */
    public List<Subscription> subscriptions() {
        var all = new ArrayList<Subscription>(reactors);
        all.addAll(projections);
        return List.copyOf(all);
    }

    /**
     * The subscriptions a process running {@code services} follows, in {@link #SUBSCRIPTIONS} order: those whose
     * owner ({@link #OWNERS}) is among them.
     */
    public List<Subscription> subscriptionsOf(Set<Service> services) {
        return subscriptions().stream()
                .filter(subscription -> services.contains(OWNERS.get(subscription.name())))
                .toList();
    }

    /** An operator's view of every subscription of the graph and of what they hold. */
    public DeadLetterService deadLetterService() {
        return new DeadLetterService(ports.deadLetters(), ports.checkpoints(), SUBSCRIPTIONS, settings.clock());
    }
}

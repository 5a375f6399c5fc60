package org.bookworm.ordering.adapter.grpc;

import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketService;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.CatalogService;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;
import org.jspecify.annotations.Nullable;

/**
 * The whole public API, ready to bind to any server builder (Netty in {@link GrpcServer}, in-process in tests):
 * ordering, buyers, basket, catalog, finance, notification and admin, plus health and reflection v1, each behind the
 * deadline cap, the authentication and access policy, and the rate limits per caller and method group, in that order; a
 * request body that does not parse is INVALID_ARGUMENT ({@link MalformedRequests}). Admission control belongs to the
 * server ({@link GrpcServer}), not to the API.
 */
public final class OrderingApi {
    private final HealthStatusManager health = new HealthStatusManager();
    private final List<ServerServiceDefinition> services;

    /** What the API calls: the core's application services and the ports it reads directly. */
    public record Services(
            OrderService orders,
            OrderQueries queries,
            BuyerService buyers,
            BuyerViews buyerViews,
            BasketService baskets,
            CheckoutService checkout,
            CatalogService catalog,
            CheckoutSagaService sagas,
            PaymentService payments,
            NotificationService notifications,
            EmailOutbox outbox,
            EventStore events,
            DeadLetterService deadLetters) {
        public Services {
            Objects.requireNonNull(orders, "orders");
            Objects.requireNonNull(queries, "queries");
            Objects.requireNonNull(buyers, "buyers");
            Objects.requireNonNull(buyerViews, "buyer views");
            Objects.requireNonNull(baskets, "baskets");
            Objects.requireNonNull(checkout, "checkout");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(sagas, "sagas");
            Objects.requireNonNull(payments, "payments");
            Objects.requireNonNull(notifications, "notifications");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(deadLetters, "dead letters");
        }
    }

    /** Deadline caps for unary and streaming calls, the rate limits, and WatchOrder's poll interval. */
    public record Limits(Duration unaryDeadline, Duration streamDeadline, RateLimits rates, Duration watchPoll) {
        public Limits {
            requirePositive(unaryDeadline, "the unary deadline cap");
            requirePositive(streamDeadline, "the stream deadline cap");
            requirePositive(watchPoll, "the watch poll interval");
            Objects.requireNonNull(rates, "rates");
        }

        /** With {@link RateLimits#perSecond} limits: {@code callsPerSecond} per caller and group. */
        public Limits(Duration unaryDeadline, Duration streamDeadline, long callsPerSecond, Duration watchPoll) {
            this(unaryDeadline, streamDeadline, RateLimits.perSecond(callsPerSecond), watchPoll);
        }

        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(30), Duration.ofHours(1), 50, Duration.ofMillis(200));
        }

        private static void requirePositive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
        }
    }

    /**
     * Which of the four services this process serves (issue 15; ADR 0031), the deployment's service token for the
     * internal RPCs (none: every internal method is PERMISSION_DENIED, and neither Notification's e-mail requests nor
     * Finance's payment authorizations are served), and Basket's ports to serve internally to the other processes when
     * Basket is served (none: not served). Health, reflection and the admin service are served by every process.
     */
    public record Deployment(
            Set<Service> served,
            @Nullable ServiceToken serviceToken,
            @Nullable BasketPorts basket) {
        /** All four services in one process, as {@code ordering serve} without {@code --services}. */
        public static final Deployment ALL_IN_ONE = new Deployment(Service.ALL, null, null);

        public Deployment {
            served = Set.copyOf(served);
            if (served.isEmpty()) {
                throw new IllegalArgumentException("a process serves at least one service");
            }
        }
    }

    /** Basket's stores that the other processes call through the internal RPCs (ADR 0031). */
    public record BasketPorts(Inventory inventory, BasketCheckouts checkouts, Catalog catalog) {
        public BasketPorts {
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(checkouts, "checkout baskets");
            Objects.requireNonNull(catalog, "catalog");
        }
    }

    public OrderingApi(Services services, JwtVerifier verifier, Limits limits, ScheduledExecutorService scheduler) {
        this(services, verifier, limits, scheduler, Deployment.ALL_IN_ONE);
    }

    public OrderingApi(
            Services services,
            JwtVerifier verifier,
            Limits limits,
            ScheduledExecutorService scheduler,
            Deployment deployment) {
        var deadline = new DeadlineInterceptor(limits.unaryDeadline(), limits.streamDeadline(), scheduler);
        var auth = new AuthInterceptor(verifier, deployment.serviceToken());
        var rateLimit = new RateLimitInterceptor(limits.rates());
        // the last interceptor runs first: deadline, then auth, then the rate limit (which needs the caller); a body
        // that does not parse is INVALID_ARGUMENT inside them all
        this.services = bindable(services, scheduler, limits, deployment).stream()
                .map(service -> ServerInterceptors.intercept(
                        MalformedRequests.refusedIn(service.bindService()), rateLimit, auth, deadline))
                .toList();
    }

    private List<BindableService> bindable(
            Services services, ScheduledExecutorService scheduler, Limits limits, Deployment deployment) {
        var served = deployment.served();
        var bindable = new ArrayList<BindableService>();
        if (served.contains(Service.ORDERING)) {
            var watch = new OrderWatch(
                    services.orders(), scheduler, limits.watchPoll().toMillis());
            bindable.add(new OrderingGrpcService(services.orders(), services.queries(), services.checkout(), watch));
            bindable.add(new BuyerGrpcService(services.buyers(), services.buyerViews()));
        }
        if (served.contains(Service.BASKET)) {
            bindable.add(new BasketGrpcService(services.baskets()));
            bindable.add(new CatalogGrpcService(services.catalog()));
            var internal = deployment.basket();
            if (internal != null) {
                bindable.add(new InternalInventoryGrpcService(internal.inventory()));
                bindable.add(new InternalBasketCheckoutGrpcService(internal.checkouts()));
                bindable.add(new InternalCatalogGrpcService(internal.catalog()));
            }
        }
        if (served.contains(Service.FINANCE)) {
            bindable.add(new FinanceGrpcService(
                    services.orders(), services.sagas(), services.payments(), services.events()));
            if (deployment.serviceToken() != null) {
                // without a token no process could call it: not bound (as in the all-in-one default)
                bindable.add(new InternalPaymentAuthorizationGrpcService(services.payments()));
            }
        }
        if (served.contains(Service.NOTIFICATION)) {
            bindable.add(new NotificationGrpcService(services.orders(), services.notifications(), services.outbox()));
            if (deployment.serviceToken() != null) {
                // without a token no process could call it: not bound (as in the all-in-one default)
                bindable.add(new InternalEmailRequestGrpcService(services.notifications()));
            }
        }
        bindable.add(new AdminGrpcService(services.deadLetters()));
        bindable.add(health.getHealthService());
        bindable.add(ProtoReflectionServiceV1.newInstance());
        return bindable;
    }

    public void bindTo(ServerBuilder<?> builder) {
        services.forEach(builder::addService);
    }

    /** Health of the whole server ("") and of each service; {@link GrpcServer} turns it off at shutdown. */
    public HealthStatusManager health() {
        return health;
    }

    List<ServerServiceDefinition> definitions() {
        return services;
    }
}

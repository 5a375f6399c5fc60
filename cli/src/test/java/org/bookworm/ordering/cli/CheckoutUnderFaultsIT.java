package org.bookworm.ordering.cli;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.cli.StepFreezer.Step;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.PricedBasket;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.TransientFailure;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.CheckoutRejection;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11.1's fault test, one scenario per checkout step: the whole PostgreSQL stack of {@code ordering serve} on a
 * PostgreSQL cluster and a redis-server of the test's own; at the exact moment the step calls its store, the store is
 * frozen (SIGSTOP, by PID) and thawed (SIGCONT) {@link #FREEZE} later ({@link StepFreezer}). The buyer checks out two
 * copies of Dune, retrying PlaceOrder with the same request id while it fails, and sets one Emma while the checkout
 * runs. Within {@link #SETTLE} of the thaw: the order is Confirmed (approved) or Failed (declined, out of stock) in its
 * stream and its view, the basket has no checkout mark and exactly the checked-out lines are gone (confirmed) or none
 * (failed), stock is held only by a confirmed order, and no lane is held or parked by any subscription. The buyer has
 * exactly one OrderPlaced, which PlaceOrder retried with the same request id answers with; or, only when PlaceOrder
 * failed and its retry found the basket held by the failed attempt, none at all. Nothing counts how many orders a
 * load managed to place: each scenario is one checkout, and the step it freezes is reached or the scenario fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutUnderFaultsIT {
    private static final Duration FREEZE = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Steps far longer than a freeze and its recovery, so no step times out, yet short enough to abandon a lost one. */
    private static final CheckoutTimeouts TIMEOUTS = new CheckoutTimeouts(Duration.ofSeconds(10), 3);

    private static final Caller ADMIN = Caller.admin("fault-test");

    enum Store {
        REDIS,
        POSTGRESQL
    }

    /** How the checkout must end, and the payment token or stock that makes it end so. */
    enum Fate {
        CONFIRMED,
        DECLINED,
        OUT_OF_STOCK;

        PaymentMethod payment() {
            return this == DECLINED ? PaymentMethod.DECLINE : PaymentMethod.APPROVE;
        }
    }

    /** Each step frozen in the store it calls; the placement and the basket steps in both stores. */
    enum Scenario {
        BASKET_MARK_REDIS(Step.BASKET_MARK, Store.REDIS, Fate.CONFIRMED),
        BASKET_MARK_POSTGRESQL(Step.BASKET_MARK, Store.POSTGRESQL, Fate.CONFIRMED),
        ORDER_PLACED_POSTGRESQL(Step.ORDER_PLACED, Store.POSTGRESQL, Fate.CONFIRMED),
        RESERVE_POSTGRESQL(Step.RESERVE, Store.POSTGRESQL, Fate.CONFIRMED),
        RESERVE_OUT_OF_STOCK_POSTGRESQL(Step.RESERVE, Store.POSTGRESQL, Fate.OUT_OF_STOCK),
        AUTHORIZE_APPROVE_POSTGRESQL(Step.AUTHORIZE, Store.POSTGRESQL, Fate.CONFIRMED),
        AUTHORIZE_DECLINE_POSTGRESQL(Step.AUTHORIZE, Store.POSTGRESQL, Fate.DECLINED),
        ORDER_CONFIRMED_POSTGRESQL(Step.ORDER_CONFIRMED, Store.POSTGRESQL, Fate.CONFIRMED),
        ORDER_FAILED_POSTGRESQL(Step.ORDER_FAILED, Store.POSTGRESQL, Fate.DECLINED),
        BASKET_CLEAR_REDIS(Step.BASKET_CLEAR, Store.REDIS, Fate.CONFIRMED),
        BASKET_CLEAR_POSTGRESQL(Step.BASKET_CLEAR, Store.POSTGRESQL, Fate.CONFIRMED),
        BASKET_RELEASE_DECLINED_REDIS(Step.BASKET_RELEASE, Store.REDIS, Fate.DECLINED),
        BASKET_RELEASE_OUT_OF_STOCK_REDIS(Step.BASKET_RELEASE, Store.REDIS, Fate.OUT_OF_STOCK),
        BASKET_RELEASE_POSTGRESQL(Step.BASKET_RELEASE, Store.POSTGRESQL, Fate.DECLINED);

        final Step step;
        final Store store;
        final Fate fate;

        Scenario(Step step, Store store, Fate fate) {
            this.step = step;
            this.store = store;
            this.fate = fate;
        }

        /** Only PlaceOrder's own steps may end with no order: when it failed and the failed attempt holds the basket. */
        boolean mayPlaceNothing() {
            return step == Step.BASKET_MARK || step == Step.ORDER_PLACED;
        }
    }

    /** What PlaceOrder answered in the end, and how often it failed before (the client retried each time). */
    private record Placement(
            @Nullable OrderId order, CheckoutRejection.@Nullable BasketAlreadyCheckedOut held, int errors) {

        String describe(@Nullable OrderId placed) {
            if (order != null) {
                return "order " + order;
            }
            return placed == null
                    ? "refused (basket held by its failed attempt, which placed no order)"
                    : "refused (basket held by its failed attempt, whose order " + placed + " committed meanwhile)";
        }
    }

    @TempDir
    static Path dataDir;

    private FaultStack fault;
    private List<Caller> buyers;

    @BeforeAll
    void start() throws Exception {
        fault = FaultStack.start(dataDir, FREEZE, TIMEOUTS);
        buyers = fault.createBuyers(Scenario.values().length + 2);
        warmUp(buyers.get(buyers.size() - 2), buyers.get(buyers.size() - 1));
    }

    /**
     * One approved and one declined checkout before any freeze, so the server knows every basket script: a script
     * it does not know yet fails (NOSCRIPT) when it finally runs after a thaw, which would hide what a command sent
     * into the frozen server does when it runs late.
     */
    private void warmUp(Caller approving, Caller declining) {
        var services = fault.services();
        var orders = new java.util.ArrayList<OrderId>();
        for (Caller buyer : List.of(approving, declining)) {
            services.baskets().replace(buyer, null, List.of(new BasketItem(Wiring.DUNE, Quantity.of(1))));
            var placed = services.checkout()
                    .placeOrder(buyer, null, buyer == approving ? PaymentMethod.APPROVE : PaymentMethod.DECLINE);
            assertThat(placed).as("warm-up checkout").isInstanceOf(Outcome.Done.class);
            orders.add(new OrderId(
                    ((Outcome.Done<CheckoutRejection>) placed).stream().id()));
        }
        await("warm-up checkouts settled")
                .atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(orders)
                            .allSatisfy(order -> assertThat(
                                            services.orders().load(ADMIN, order).state())
                                    .isInstanceOfAny(OrderState.Confirmed.class, OrderState.Failed.class));
                    assertThat(List.of(approving, declining))
                            .allSatisfy(buyer -> assertThat(
                                            services.baskets().get(buyer).checkedOutBy())
                                    .isNull());
                    assertThat(services.deadLetters().statuses())
                            .allSatisfy(status -> assertThat(status.healthy()).isTrue());
                });
    }

    @AfterEach
    void thaw() {
        fault.freezer().disarm();
    }

    @AfterAll
    void stop() {
        if (fault != null) {
            fault.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void a_store_frozen_at_one_checkout_step_strands_no_order_no_basket_and_no_lane(Scenario scenario)
            throws Exception {
        Caller buyer = buyers.get(scenario.ordinal());
        var services = fault.services();
        services.baskets().replace(buyer, null, List.of(new BasketItem(Wiring.DUNE, Quantity.of(2))));
        if (scenario.fate == Fate.OUT_OF_STOCK) {
            fault.postgres().inventory().restock(Wiring.DUNE, 0);
        }
        try {
            fault.freezer()
                    .arm(
                            scenario.step,
                            buyer.buyerId(),
                            scenario.store == Store.REDIS ? fault.redisFault() : fault.postgresFault());
            String requestId = "fault-" + scenario;
            Placement placement = place(buyer, requestId, scenario.fate.payment());
            // a line the buyer adds while the checkout runs: clearing must leave it
            retried(() -> services.baskets().add(buyer, Wiring.EMMA, Quantity.of(1)));
            Instant thawed = fault.freezer().awaitThawed(SETTLE);
            await(scenario + " settled")
                    .atMost(Duration.between(Instant.now(), thawed.plus(SETTLE)))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(TransientFailure.class)
                    .untilAsserted(() -> assertSettled(scenario, buyer, placement));
            long settled = Duration.between(thawed, Instant.now()).toMillis();
            OrderId order = orderOf(placement);
            assertThat(fault.ordersPlacedBy(buyer.buyerId()))
                    .as("OrderPlaced events of the buyer")
                    .isEqualTo(order == null ? 0 : 1);
            if (order != null) {
                var again = services.checkout().placeOrder(buyer, requestId, scenario.fate.payment());
                assertThat(again instanceof Outcome.Done<CheckoutRejection> done
                                && done.stream().id().equals(order.value()))
                        .as("PlaceOrder retried with the same request id answers with " + order + ", not " + again)
                        .isTrue();
            }
            System.out.printf(
                    "fault test %s: PlaceOrder failed %d times, then %s; settled %d ms after the thaw%n",
                    scenario, placement.errors(), placement.describe(order), settled);
        } finally {
            if (scenario.fate == Fate.OUT_OF_STOCK) {
                fault.postgres().inventory().restock(Wiring.DUNE, Wiring.DEMO_STOCK);
            }
        }
    }

    /** PlaceOrder as a client does it: UNAVAILABLE is retried with the same request id until there is an answer. */
    private Placement place(Caller buyer, String requestId, PaymentMethod payment) {
        var errors = new AtomicInteger();
        Outcome<CheckoutRejection> outcome = await("PlaceOrder answered")
                .atMost(FREEZE.plus(SETTLE))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            try {
                                return fault.services().checkout().placeOrder(buyer, requestId, payment);
                            } catch (TransientFailure unavailable) {
                                errors.incrementAndGet();
                                return null;
                            }
                        },
                        Objects::nonNull);
        return switch (outcome) {
            case Outcome.Done<CheckoutRejection> done ->
                new Placement(new OrderId(done.stream().id()), null, errors.get());
            case Outcome.Refused<CheckoutRejection> refused -> {
                assertThat(refused.reason())
                        .as("the only refusal a retry may meet: the basket held by its own failed attempt")
                        .isInstanceOf(CheckoutRejection.BasketAlreadyCheckedOut.class);
                assertThat(errors.get())
                        .as("PlaceOrder failures before the refusal")
                        .isPositive();
                yield new Placement(null, (CheckoutRejection.BasketAlreadyCheckedOut) refused.reason(), errors.get());
            }
        };
    }

    /**
     * The order the placement made: its answer, or after a refusal the order of the failed attempt that holds the
     * basket, if that attempt's append committed after all (a retry can race the late commit of its own attempt).
     */
    private @Nullable OrderId orderOf(Placement placement) {
        if (placement.order() != null) {
            return placement.order();
        }
        OrderId attempt = Objects.requireNonNull(placement.held()).order();
        return fault.services().events().load(OrderService.stream(attempt)).version() > 0 ? attempt : null;
    }

    private void assertSettled(Scenario scenario, Caller buyer, Placement placement) {
        var services = fault.services();
        OrderId order = orderOf(placement);
        PricedBasket basket = services.baskets().get(buyer);
        assertThat(basket.checkedOutBy()).as("checkout mark of the basket").isNull();
        boolean confirmed = order != null && scenario.fate == Fate.CONFIRMED;
        assertThat(basket.items().stream()
                        .collect(toMap(
                                PricedBasket.Item::book, item -> item.quantity().value())))
                .as("basket lines")
                .isEqualTo(confirmed ? Map.of(Wiring.EMMA, 1) : Map.of(Wiring.DUNE, 2, Wiring.EMMA, 1));
        if (order == null) {
            assertThat(scenario.mayPlaceNothing())
                    .as("PlaceOrder placed nothing")
                    .isTrue();
        } else {
            assertFate(scenario.fate, order);
        }
        assertThat(services.deadLetters().statuses())
                .as("subscriptions")
                .allSatisfy(status -> assertThat(status.retryingLanes() + status.parkedLanes() + status.heldEvents())
                        .as(status.toString())
                        .isZero());
    }

    private void assertFate(Fate fate, OrderId order) {
        var services = fault.services();
        OrderState state = services.orders().load(ADMIN, order).state();
        switch (fate) {
            case CONFIRMED -> assertThat(state).as("order").isInstanceOf(OrderState.Confirmed.class);
            case DECLINED, OUT_OF_STOCK ->
                assertThat(state)
                        .as("order")
                        .isInstanceOfSatisfying(
                                OrderState.Failed.class,
                                failed -> assertThat(failed.reason())
                                        .isEqualTo(
                                                fate == Fate.DECLINED
                                                        ? FailureReason.PAYMENT_DECLINED
                                                        : FailureReason.OUT_OF_STOCK));
        }
        OrderStatus status = fate == Fate.CONFIRMED ? OrderStatus.CONFIRMED : OrderStatus.FAILED;
        assertThat(services.queries().find(ADMIN, order).map(OrderView::status))
                .as("order view")
                .contains(status);
        assertThat(fault.postgres().inventory().held(order))
                .as("stock the order holds")
                .isEqualTo(fate == Fate.CONFIRMED ? List.of(new LineQuantity(Wiring.DUNE, Quantity.of(2))) : List.of());
    }

    /** A basket write as a client does it: retried while the basket store is unavailable (set is idempotent). */
    private static void retried(Runnable write) {
        await("basket write")
                .atMost(SETTLE)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(TransientFailure.class)
                .until(() -> {
                    write.run();
                    return true;
                });
    }
}

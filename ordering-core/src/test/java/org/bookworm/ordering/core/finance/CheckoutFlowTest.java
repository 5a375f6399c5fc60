package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.inmemory.InMemorySagaDeadlines;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.testing.HookedGateway;
import org.bookworm.ordering.core.testing.ManualClock;
import org.bookworm.ordering.core.testing.Outage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A checkout flows forward: each step of the saga folds {@code checkout-<id>} at most once (the messages carry what
 * the next step needs, so no step loads the saga to ask), and each saga deadline is written exactly once (with the
 * append of the event that requests it) and removed once. Counted with a counting event store over the in-memory one.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutFlowTest {
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000f001"));
    private static final BuyerId ADA = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-00000000f001"));
    private static final Caller ada = Caller.buyer(ADA);
    private static final Caller admin = Caller.admin("admin-1");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryOrdering ordering = new InMemoryOrdering(clock, new SplittableRandom(31));
    private final CountingSagaDeadlines deadlines = new CountingSagaDeadlines(new InMemorySagaDeadlines());
    private final CountingEventStore store = new CountingEventStore(ordering.events);
    private final InMemoryBasketStore baskets = new InMemoryBasketStore();
    private final CheckoutService checkout;
    private final CheckoutReactor reactor;
    /** The same reactions as a process that did not append the saga's requests: it acts only on what the log brings. */
    private final CheckoutReactor fromTheLog;
    /** Whether the saga's requests reach the reactor as they were stored before they carried what the step needs. */
    private boolean oldShapes = false;
    /** Whether the reactor is so slow to take up the first payment request that its deadline fires first. */
    private boolean slowPayment = false;
    /** Whether the reactor acts only on what the log brings, as a process that did not append the requests. */
    private boolean logOnly = false;

    private final CheckoutSagaService sagas;
    private final InMemoryInventory inventory = new InMemoryInventory();
    /** The link from the reactor to the stock: a fault switch in front of the real in-memory inventory. */
    private final Outage stock = new Outage();

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    /** Runs while the gateway is asked to authorize: what another process does meanwhile. */
    private Runnable duringAuthorization = () -> {};

    private final PaymentService payments;
    private final OrderService orders;

    private final Subscription saga;
    private final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
    private final List<Subscription> followers;

    CheckoutFlowTest() {
        ordering.events.writeWithEachAppend(InMemorySagaDeadlines.requestedIn(deadlines));
        var ids = new UuidV7Generator(clock, new SplittableRandom(32));
        var stores = new EventSourcedRunner.Stores(store, ordering.snapshots, ordering.events, ids, clock);
        var catalog = new InMemoryCatalog();
        catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("20.00", "USD"), null, StockStatus.IN_STOCK));
        inventory.restock(DUNE, 10);
        sagas = new CheckoutSagaService(stores, deadlines);
        payments = new PaymentService(stores, new HookedGateway(gateway, () -> duringAuthorization.run()));
        // the order service runs on the counting store too, so a load of an order shows
        orders = new OrderService(stores);
        checkout = new CheckoutService(stores, orders, sagas, baskets, catalog, ordering.buyers, inventory, payments);
        reactor = new CheckoutReactor(
                sagas,
                payments,
                orders,
                stock.of(
                        Inventory.class,
                        inventory,
                        () -> new StoreUnavailable("the stock is unreachable", new IllegalStateException("a test"))),
                baskets,
                clock);
        fromTheLog = reactor.fromTheLogOnly();
        saga = new Subscription(
                CheckoutReactor.NAME,
                ordering.events,
                ordering.checkpoints,
                ordering.deadLetters,
                recorded -> {
                    store.during(recorded.event().getClass().getSimpleName());
                    if (slowPayment && recorded.event() instanceof CheckoutEvent.PaymentRequested first) {
                        slowPayment = false;
                        sagas.fireDue(first.dueAt()); // asks again (attempt 2) before attempt 1 is taken up
                    }
                    if (oldShapes) {
                        fromTheLog.handle(asStoredBefore(recorded));
                    } else {
                        (logOnly ? fromTheLog : reactor).handle(recorded);
                    }
                },
                100,
                1,
                Subscription.Retries.on(clock));
        // the followers fold orders through the counting store, so a fold shows
        var notifications = new NotificationService(outbox, new InMemoryMailer(), ids, clock);
        followers = List.of(
                follower(OrderFollowUpReactor.NOTIFICATIONS, OrderFollowUpReactor.notifications(orders, notifications)),
                follower(OrderFollowUpReactor.BASKET_CLEARING, OrderFollowUpReactor.basketClearing(orders, baskets)));
        ordering.buyers.create(
                ada, new PersonName("Ada"), new EmailAddress("ada@example.com"), new Address("1 Main", "Oslo", "OS"));
    }

    @Test
    void a_successful_checkout_loads_the_saga_at_most_once_per_step() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertAtMostOneLoadPerStep(4);
    }

    @Test
    void placing_an_order_loads_neither_the_order_nor_its_saga_whose_ids_it_has_just_minted() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);

        OrderId order = place(PaymentMethod.APPROVE);

        assertThat(store.sagaLoads()).as("saga loads by the placement").doesNotContainKey("PlaceOrder");
        assertThat(store.loads(OrderService.STREAM))
                .as("order loads by the placement")
                .doesNotContainKey("PlaceOrder");
        assertThat(ordering.events.load(OrderService.stream(order)).events())
                .as("the order placed")
                .hasSize(1);
        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).events())
                .as("its checkout requested")
                .hasSize(1);
    }

    @Test
    void a_successful_checkout_appends_the_steps_of_its_saga_once_after_its_placement() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(store.appends(CheckoutSagaService.STREAM))
                .as("appends to the saga by the step under way: its request, then every step in one (ADR 0060)")
                .containsOnly(entry("PlaceOrder", 1), entry("OrderPlaced", 1));
        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).domainEvents())
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly(
                        "CheckoutRequested",
                        "CheckoutStarted",
                        "ReservationRequested",
                        "ItemsReserved",
                        "PaymentRequested",
                        "PaymentApproved",
                        "CheckoutConfirmed");
    }

    @Test
    void a_declined_checkout_appends_the_steps_of_its_saga_once_after_its_placement_and_holds_nothing() {
        OrderId order = checkOut(PaymentMethod.DECLINE);

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(store.appends(CheckoutSagaService.STREAM))
                .as("appends to the saga by the step under way")
                .containsOnly(entry("PlaceOrder", 1), entry("OrderPlaced", 1));
        assertThat(inventory.available(DUNE))
                .as("the copies reserved are released")
                .isEqualTo(10);
    }

    @Test
    void a_saga_append_that_fails_after_the_steps_were_taken_takes_them_again_with_the_same_keys() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        OrderId order = place(PaymentMethod.APPROVE);
        store.failNextAppendTo(CheckoutSagaService.STREAM); // the draft's append, after reserving and authorizing

        saga.drain();
        assertThat(store.appends(CheckoutSagaService.STREAM)).containsEntry("OrderPlaced", 1);
        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).events())
                .as("the saga as the placement left it")
                .hasSize(1);
        clock.advance(java.time.Duration.ofMinutes(1));
        while (saga.drain() > 0) {
            // the placement handled again: the lane's retry
        }

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(gateway.movements()).as("authorized at the provider once").hasSize(1);
        assertThat(ordering.events.load(PaymentService.stream(order)).events())
                .as("one authorization recorded")
                .hasSize(1);
        assertThat(inventory.available(DUNE)).as("two copies held, once").isEqualTo(8);
        assertEachDeadlineWrittenAndRemovedOnce(order);
    }

    @Test
    void a_reservation_whose_answer_is_lost_leaves_its_request_stored_for_the_log_to_bring_again() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        OrderId order = place(PaymentMethod.APPROVE);
        stock.loseNextAnswer("reserve", args -> true); // reserved, but the answer never came back

        saga.pump();
        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).domainEvents())
                .as("the draft appended as far as it got: the request stored, with its deadline")
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly("CheckoutRequested", "CheckoutStarted", "ReservationRequested");
        assertThat(deadlines.pending()).extracting(SagaDeadlines.Deadline::step).containsExactlyInAnyOrder(0, 1);
        while (saga.drain() > 0) {
            // the log brings the request: reserved again under the same order, and the rest drafted from there
        }

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(store.appends(CheckoutSagaService.STREAM))
                .containsOnly(entry("PlaceOrder", 1), entry("OrderPlaced", 1), entry("ReservationRequested", 1));
        assertThat(inventory.available(DUNE)).as("two copies held, once").isEqualTo(8);
        assertThat(gateway.movements()).as("authorized at the provider once").hasSize(1);
        assertEachDeadlineWrittenAndRemovedOnce(order);
    }

    @Test
    void a_cancellation_appended_while_the_steps_are_drafted_ends_the_checkout_with_nothing_held() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        OrderId order = place(PaymentMethod.APPROVE);
        duringAuthorization = () -> {
            // another process hears of the buyer's cancellation and compensates while this one waits for the
            // provider: nothing is authorized yet for it to void
            duringAuthorization = () -> {};
            orders.cancel(ada, null, order);
            sagas.handle(new CheckoutCommand.NoteCancellation(order, clock.instant()));
            fromTheLog.handle(ordering.events
                    .load(CheckoutSagaService.stream(order))
                    .events()
                    .getLast());
        };

        saga.pump(); // the placement: the steps drafted, and their append conflicting with the cancellation
        assertThat(payments.load(order))
                .as("the authorization made for the draft is voided by this process: the other one has compensated")
                .isInstanceOfSatisfying(
                        PaymentState.Active.class,
                        active -> assertThat(active.open().isZero()).isTrue());
        while (saga.drain() > 0) {
            // the rest of the log: the cancellation comes to this process too, and changes nothing more
        }

        assertThat(status(order)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(ordering.events.load(OrderService.stream(order)).domainEvents())
                .as("never confirmed")
                .noneMatch(event -> event instanceof OrderEvent.OrderConfirmed);
        assertThat(sagas.load(order)).isInstanceOf(CheckoutState.Cancelled.class);
        assertThat(inventory.available(DUNE)).as("nothing held").isEqualTo(10);
        assertThat(payments.load(order))
                .as("the authorization made for the draft is voided")
                .isInstanceOfSatisfying(
                        PaymentState.Active.class,
                        active -> assertThat(active.open().isZero()).isTrue());
    }

    @Test
    void a_placed_order_is_confirmed_by_the_one_pass_of_the_log_that_reads_its_placement() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        OrderId order = place(PaymentMethod.APPROVE);

        saga.pump(); // one page of the log: the placement, and nothing the saga appends after it was read

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void the_steps_acted_on_ahead_of_the_log_are_passed_over_when_it_brings_them() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(store.sagaLoads())
                .as("one fold of the saga by the reactor: each later step decided on what its append left")
                .containsOnly(entry("OrderPlaced", 1));
        assertThat(store.loads(PaymentService.STREAM))
                .as("the payment's loads, by the event being handled")
                .containsOnlyKeys("OrderPlaced");
        assertThat(store.loads(OrderService.STREAM))
                .as("the order's loads, by the event being handled")
                .doesNotContainKeys("ReservationRequested", "PaymentRequested", "CheckoutConfirmed");
        assertThat(ordering.events.load(PaymentService.stream(order)).events())
                .as("one authorization")
                .hasSize(1);
        assertEachDeadlineWrittenAndRemovedOnce(order);
    }

    @Test
    void a_reactor_that_did_not_append_the_requests_acts_on_them_when_the_log_brings_them() {
        logOnly = true; // every request reaches the reactor from the log, as after a restart

        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(ordering.events.load(PaymentService.stream(order)).events())
                .as("one authorization")
                .hasSize(1);
        assertAtMostOneLoadPerStep(4);
    }

    @Test
    void a_declined_checkout_loads_the_saga_at_most_once_per_step() {
        OrderId order = checkOut(PaymentMethod.DECLINE);

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertAtMostOneLoadPerStep(4);
    }

    @Test
    void each_deadline_of_a_successful_checkout_is_written_once_and_removed_once() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertEachDeadlineWrittenAndRemovedOnce(order);
    }

    @Test
    void each_deadline_of_a_declined_checkout_is_written_once_and_removed_once() {
        OrderId order = checkOut(PaymentMethod.DECLINE);

        assertEachDeadlineWrittenAndRemovedOnce(order);
    }

    @Test
    void a_successful_checkout_removes_its_deadlines_in_one_statement_when_it_ends_not_one_per_step() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertDeadlinesRemovedOnlyAtTheEnd(order);
    }

    @Test
    void a_declined_checkout_removes_its_deadlines_in_one_statement_when_it_ends_not_one_per_step() {
        OrderId order = checkOut(PaymentMethod.DECLINE);

        assertDeadlinesRemovedOnlyAtTheEnd(order);
    }

    /** Issue 13: the steps' removals were two statements (two commits) per checkout that the saga's end does anyway. */
    private void assertDeadlinesRemovedOnlyAtTheEnd(OrderId order) {
        assertThat(deadlines.completions())
                .as("deadlines removed one by one as the saga moves")
                .isEmpty();
        assertThat(deadlines.completeAlls()).containsOnly(entry(order, 1));
        assertThat(deadlines.pending()).as("left pending").isEmpty();
    }

    @Test
    void a_redelivered_step_does_nothing_twice() {
        OrderId order = checkOut(PaymentMethod.APPROVE);
        var events =
                ordering.events.load(CheckoutSagaService.stream(order)).events().size();

        var again = new Subscription(
                "checkout-saga-again", ordering.events, ordering.checkpoints, ordering.deadLetters, reactor, 100);
        while (again.drain() > 0) {
            // every event of the log once more, as after a crash before the checkpoint
        }

        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).events())
                .as("the saga's stream after every event came again")
                .hasSize(events);
        assertThat(ordering.events.load(PaymentService.stream(order)).events())
                .as("one authorization")
                .hasSize(1);
        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void a_payment_asked_again_after_the_first_attempt_was_answered_authorizes_once() {
        slowPayment = true;
        logOnly = true;

        OrderId order = checkOut(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(ordering.events.load(CheckoutSagaService.stream(order)).domainEvents())
                .as("the payment was asked twice")
                .filteredOn(event -> event instanceof CheckoutEvent.PaymentRequested)
                .hasSize(2);
        assertThat(ordering.events.load(PaymentService.stream(order)).domainEvents())
                .as("but authorized once")
                .hasSize(1);
    }

    @Test
    void requests_stored_before_they_carried_what_the_step_needs_are_still_acted_on() {
        oldShapes = true;

        OrderId approved = checkOut(PaymentMethod.APPROVE);
        followers.forEach(Subscription::drain); // the basket is cleared: the buyer may check out again
        OrderId declined = checkOut(PaymentMethod.DECLINE);

        assertThat(status(approved)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(status(declined)).isEqualTo(OrderStatus.FAILED);
        assertThat(store.sagaLoads())
                .as("an old request folds the saga for what it lacks")
                .containsEntry("ReservationRequested", 4)
                .containsEntry("PaymentRequested", 4);
    }

    /** The event as a schema-1 row reads: a saga request without its lines, amount and method. */
    private static RecordedEvent asStoredBefore(RecordedEvent recorded) {
        DomainEvent old = switch (recorded.event()) {
            case CheckoutEvent.ReservationRequested r ->
                new CheckoutEvent.ReservationRequested(r.orderId(), r.attempt(), r.step(), null, r.dueAt(), r.at());
            case CheckoutEvent.PaymentRequested r ->
                new CheckoutEvent.PaymentRequested(r.orderId(), r.attempt(), r.step(), null, null, r.dueAt(), r.at());
            default -> recorded.event();
        };
        return new RecordedEvent(
                recorded.position(),
                recorded.stream(),
                recorded.version(),
                recorded.eventId(),
                old,
                recorded.metadata(),
                recorded.recordedAt());
    }

    private Subscription follower(String name, EventHandler handler) {
        return new Subscription(
                name,
                ordering.events,
                ordering.checkpoints,
                ordering.deadLetters,
                recorded -> {
                    store.during(name + " on " + recorded.event().getClass().getSimpleName());
                    handler.handle(recorded);
                },
                100);
    }

    @Test
    void the_confirmation_is_queued_as_an_email_and_clears_the_basket_without_folding_the_order() {
        OrderId order = checkOut(PaymentMethod.APPROVE);

        followers.forEach(Subscription::drain);

        assertThat(store.loads(OrderService.STREAM))
                .as("order loads by the followers of the confirmation")
                .doesNotContainKeys(
                        OrderFollowUpReactor.NOTIFICATIONS + " on OrderConfirmed",
                        OrderFollowUpReactor.BASKET_CLEARING + " on OrderConfirmed");
        assertThat(outbox.all())
                .extracting(row -> row.email().kind(), row -> row.email().order())
                .containsExactly(tuple(EmailKind.CONFIRMED, order));
        assertThat(outbox.all().get(0).email().body()).contains("Dune", "$40.00", "2026-03-01");
        assertThat(baskets.get(ADA).items())
                .as("the checked-out copies are cleared")
                .isEmpty();
    }

    @Test
    void a_confirmation_stored_before_it_carried_the_order_is_followed_by_folding_the_order() {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        var outcome = checkout.placeOrder(ada, "req-old", PaymentMethod.APPROVE);
        OrderId order = new OrderId(((Outcome.Done<?>) outcome).stream().id());
        ordering.events.append(
                OrderService.stream(order),
                1,
                List.of(new NewEvent(
                        UUID.fromString("0192f0c8-9999-7000-8000-00000000f001"),
                        new OrderEvent.OrderConfirmed(order, null, clock.instant()),
                        new Metadata(
                                "service:finance",
                                List.of("system"),
                                UUID.fromString("0192f0c8-9999-7000-8000-00000000f002"),
                                null,
                                null))));

        followers.forEach(Subscription::drain);

        assertThat(outbox.all())
                .extracting(row -> row.email().kind(), row -> row.email().order())
                .containsExactly(tuple(EmailKind.CONFIRMED, order));
        assertThat(outbox.all().get(0).email().body()).contains("Dune", "$40.00");
        assertThat(baskets.get(ADA).items())
                .as("the checked-out copies are cleared")
                .isEmpty();
    }

    private OrderId checkOut(PaymentMethod method) {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        OrderId order = place(method);
        while (saga.drain() > 0) {
            // every step of the saga, until it rests
        }
        return order;
    }

    private OrderId place(PaymentMethod method) {
        store.during("PlaceOrder");
        var outcome = checkout.placeOrder(ada, "req-" + method.token(), method);
        if (!(outcome instanceof Outcome.Done<?> done)) {
            throw new AssertionError("expected an order, got " + outcome);
        }
        return new OrderId(done.stream().id());
    }

    private void assertAtMostOneLoadPerStep(int steps) {
        Map<String, Integer> loads = store.sagaLoads();
        assertThat(loads)
                .as("saga loads per step")
                .allSatisfy((step, count) -> assertThat(count).as(step).isLessThanOrEqualTo(1));
        assertThat(loads.values().stream().mapToInt(Integer::intValue).sum())
                .as("saga loads of the whole checkout: %s", loads)
                .isLessThanOrEqualTo(steps);
    }

    private void assertEachDeadlineWrittenAndRemovedOnce(OrderId order) {
        assertThat(deadlines.writes())
                .as("writes per deadline")
                .containsOnlyKeys(List.of(
                        new CountingSagaDeadlines.Key(order, 0),
                        new CountingSagaDeadlines.Key(order, 1),
                        new CountingSagaDeadlines.Key(order, 2)))
                .allSatisfy((key, count) -> assertThat(count).as("%s", key).isEqualTo(1));
        assertThat(deadlines.pending()).as("left pending").isEmpty();
        assertThat(deadlines.completions())
                .as("deadlines removed one by one")
                .allSatisfy((key, count) -> assertThat(count).as("%s", key).isEqualTo(1));
        assertThat(deadlines.completeAlls().getOrDefault(order, 0))
                .as("the saga's end removes what is left, once")
                .isEqualTo(1);
    }

    private OrderStatus status(OrderId order) {
        ordering.drain();
        return ordering.queries.find(admin, order).orElseThrow().status();
    }
}

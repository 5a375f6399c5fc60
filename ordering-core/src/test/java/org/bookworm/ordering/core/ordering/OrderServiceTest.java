package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.bookworm.ordering.core.testing.Shop.ALICE;
import static org.bookworm.ordering.core.testing.Shop.ALICE_SNAPSHOT;
import static org.bookworm.ordering.core.testing.Shop.DUNE;
import static org.bookworm.ordering.core.testing.Shop.EMMA;
import static org.bookworm.ordering.core.testing.Shop.HOME;
import static org.bookworm.ordering.core.testing.Shop.OFFICE;
import static org.bookworm.ordering.core.testing.Shop.ONE_EMMA;
import static org.bookworm.ordering.core.testing.Shop.THREE_DUNE;
import static org.bookworm.ordering.core.testing.Shop.admin;
import static org.bookworm.ordering.core.testing.Shop.alice;
import static org.bookworm.ordering.core.testing.Shop.bob;
import static org.bookworm.ordering.core.testing.Shop.checkout;
import static org.bookworm.ordering.core.testing.Shop.orderOf;
import static org.bookworm.ordering.core.testing.Shop.refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.contract.Racing;
import org.bookworm.ordering.core.eventsourcing.ConflictPersisted;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.eventsourcing.RequestInFlight;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.ordering.OrderRejection.Forbidden;
import org.bookworm.ordering.core.ordering.OrderRejection.NotAllowed;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderServiceTest {
    private static final Instant MARK = Instant.parse("2001-01-01T00:00:00Z");
    private static final Instant T1 = Shop.T0.plusSeconds(1);
    private final Shop shop = new Shop();
    private final OrderService orders = shop.ordering.orders;

    @Test
    void placing_an_order_id_that_was_placed_already_is_refused_and_appends_nothing() {
        OrderId order = shop.placedByAlice();
        shop.later();

        // decided first on the order unborn (ADR 0048): the append conflicts, and the placement is decided again
        Outcome<OrderRejection> again = orders.placeClaimed(
                alice, null, orders.metadata(alice, null), order, ALICE_SNAPSHOT, OFFICE, List.of(ONE_EMMA));

        assertThat(again).isEqualTo(new Outcome.Refused<>(new OrderRejection.AlreadyPlaced(order)));
        assertThat(shop.history(order)).hasSize(1);
    }

    @Test
    void an_order_lives_from_placed_to_completed_and_the_read_models_follow() {
        OrderId order = shop.placedByAlice();
        shop.later();
        assertThat(orders.confirm(checkout, order)).isEqualTo(done(order, 2));
        shop.later();
        assertThat(orders.ship(admin, order, List.of(new LineQuantity(DUNE, Quantity.of(2)))))
                .isEqualTo(done(order, 3));
        shop.ordering.drain();
        OrderView partly = shop.ordering.queries.find(alice, order).orElseThrow();
        assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(partly.lines()).extracting(OrderView.Line::shipped).containsExactly(2, 0);

        shop.later();
        assertThat(orders.shipAll(admin, order)).isEqualTo(done(order, 4));
        shop.later();
        assertThat(orders.complete(checkout, null, order)).isEqualTo(done(order, 5));
        shop.ordering.drain();

        OrderView view = shop.ordering.queries.find(alice, order).orElseThrow();
        assertThat(view.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(view.version()).isEqualTo(5);
        assertThat(view.lines()).extracting(OrderView.Line::shipped).containsExactly(3, 1);
        assertThat(view.total()).isEqualTo(Money.of("45.49", "USD"));
        assertThat(view.placedAt()).isEqualTo(Shop.T0);
        assertThat(view.updatedAt()).isEqualTo(shop.clock.instant());
        assertThat(shop.ordering
                        .queries
                        .list(alice, null, null, PageRequest.first(20))
                        .items())
                .extracting(summary -> summary.id(), summary -> summary.status())
                .containsExactly(tuple(order, OrderStatus.COMPLETED));
        assertThat(shop.history(order))
                .extracting(recorded -> recorded.event().getClass().getSimpleName())
                .containsExactly("OrderPlaced", "OrderConfirmed", "ItemsShipped", "ItemsShipped", "OrderCompleted");
        assertThat(orders.load(alice, order).state()).isInstanceOf(OrderState.Completed.class);
    }

    @Test
    void events_carry_who_acted_and_the_request_id() {
        OrderId order = orderOf(orders.place(alice, "req-7", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE)));
        orders.confirm(checkout, order);

        List<RecordedEvent> history = shop.history(order);
        assertThat(history.get(0).metadata().actor()).isEqualTo(ALICE.toString());
        assertThat(history.get(0).metadata().actorRoles()).containsExactly("user");
        assertThat(history.get(0).metadata().requestId()).isEqualTo("req-7");
        assertThat(history.get(1).metadata().actor()).isEqualTo("service:checkout");
        assertThat(history.get(1).metadata().actorRoles()).containsExactly("system");
    }

    @Test
    void a_retried_place_order_with_the_same_request_id_returns_the_same_order_and_places_it_once() {
        Outcome<OrderRejection> first = orders.place(alice, "req-1", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE));
        shop.later();
        Outcome<OrderRejection> retry = orders.place(alice, "req-1", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE));

        assertThat(retry).isEqualTo(first);
        assertThat(placedEvents()).hasSize(1);
        assertThat(shop.ordering.events.find(alice.subject(), "req-1")).isPresent();
    }

    @Test
    void the_same_request_id_is_independent_between_buyers() {
        Outcome<OrderRejection> alices = orders.place(alice, "req-1", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE));
        Outcome<OrderRejection> bobs = orders.place(bob, "req-1", Shop.BOB_SNAPSHOT, HOME, List.of(THREE_DUNE));

        assertThat(bobs).isNotEqualTo(alices);
        assertThat(placedEvents()).hasSize(2);
    }

    @Test
    void the_same_request_id_with_a_different_request_is_refused_and_writes_nothing() {
        orders.place(alice, "req-1", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE));

        assertThatThrownBy(() -> orders.place(alice, "req-1", ALICE_SNAPSHOT, OFFICE, List.of(THREE_DUNE)))
                .isInstanceOf(IdempotencyKeyReused.class)
                .hasMessageContaining("req-1");
        assertThat(placedEvents()).hasSize(1);
    }

    @Test
    void sixty_four_concurrent_place_orders_with_one_request_id_place_exactly_one_order() throws Exception {
        Shop shop = Shop.withSlowIds();
        OrderService orders = shop.ordering.orders;

        List<Object> outcomes = Racing.race(
                64, racer -> orders.place(alice, "req-race", ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE, ONE_EMMA)));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(Outcome.Done.class));
        assertThat(new HashSet<>(outcomes))
                .as("every caller gets the one order")
                .hasSize(1);
        List<RecordedEvent> placed = placedEvents(shop);
        assertThat(placed).hasSize(1);
        assertThat(outcomes.get(0)).isEqualTo(new Outcome.Done<OrderRejection>(placed.get(0).stream(), 1));
    }

    @Test
    void a_request_whose_id_is_in_flight_waits_then_answers_in_progress_and_does_nothing() {
        OrderId order = shop.placedByAlice();
        var quick = new OrderService(stores(shop), Duration.ofMillis(50));
        shop.ordering.events.claim(inFlight("req-1", RequestHash.of("cancel", order)));
        int events = shop.history(order).size();

        assertThatThrownBy(() -> quick.cancel(alice, "req-1", order))
                .isInstanceOf(RequestInFlight.class)
                .hasMessageContaining("req-1");

        assertThat(shop.history(order)).hasSize(events);
    }

    @Test
    void a_request_whose_id_is_in_flight_answers_the_first_outcome_once_it_is_stored() throws Exception {
        OrderId order = shop.placedByAlice();
        String hash = RequestHash.of("cancel", order);
        shop.ordering.events.claim(inFlight("req-1", hash));
        var stream = OrderService.stream(order);
        var first = Executors.newSingleThreadScheduledExecutor();
        try {
            // the first request finishes a moment later: its append stores the outcome in place of the claim
            first.schedule(
                    () -> shop.ordering.events.append(
                            stream,
                            1,
                            List.of(),
                            IdempotencyRecord.done(alice.subject(), "req-1", hash, stream, 1, T1)),
                    100,
                    TimeUnit.MILLISECONDS);

            assertThat(orders.cancel(alice, "req-1", order)).isEqualTo(done(order, 1));
        } finally {
            first.shutdownNow();
        }
        assertThat(shop.history(order)).hasSize(1);
    }

    @Test
    void a_request_whose_id_was_released_by_a_refused_first_request_decides_for_itself() throws Exception {
        OrderId order = shop.placedByAlice();
        IdempotencyRecord claim = inFlight("req-1", RequestHash.of("cancel", order));
        shop.ordering.events.claim(claim);
        var first = Executors.newSingleThreadScheduledExecutor();
        try {
            first.schedule(() -> shop.ordering.events.release(claim), 100, TimeUnit.MILLISECONDS);

            assertThat(orders.cancel(alice, "req-1", order)).isEqualTo(done(order, 2));
        } finally {
            first.shutdownNow();
        }
        assertThat(shop.ordering
                        .events
                        .find(alice.subject(), "req-1")
                        .orElseThrow()
                        .answer())
                .isEqualTo(new IdempotencyRecord.Answer.Done(OrderService.stream(order), 2));
    }

    @Test
    void a_refused_request_leaves_no_key_behind() {
        OrderId order = shop.placedByAlice();

        assertThat(refusal(orders.complete(alice, "req-1", order))).isInstanceOf(NotAllowed.class);

        assertThat(shop.ordering.events.find(alice.subject(), "req-1")).isEmpty();
    }

    @Test
    void a_repeated_no_op_answers_like_the_first_even_after_the_order_moved_on() {
        OrderId order = shop.confirmedByAlice();
        var sameAgain = new Modification.ChangeQuantity(DUNE, Quantity.of(3));
        Outcome<OrderRejection> first = orders.modify(alice, "req-1", order, sameAgain);
        orders.shipAll(admin, "ship-1", order);

        assertThat(orders.modify(alice, "req-1", order, sameAgain))
                .isEqualTo(first)
                .isEqualTo(done(order, 2));
    }

    private static EventSourcedRunner.Stores stores(Shop shop) {
        var events = shop.ordering.events;
        return new EventSourcedRunner.Stores(
                events, shop.ordering.snapshots, events, new UuidV7Generator(shop.clock, new Random(7)), shop.clock);
    }

    /** The claim of a request with id {@code key} started by Alice just now. */
    private IdempotencyRecord inFlight(String key, String hash) {
        Instant now = shop.clock.instant();
        return IdempotencyRecord.inFlight(alice.subject(), key, hash, now, now.plus(Duration.ofMinutes(1)));
    }

    @Test
    void a_race_of_cancel_and_ship_lets_exactly_one_win() throws Exception {
        Shop shop = Shop.withSlowIds();
        OrderService orders = shop.ordering.orders;
        for (int round = 0; round < 25; round++) {
            OrderId order = shop.confirmedByAlice();

            List<Object> outcomes = Racing.race(
                    2, racer -> racer == 0 ? orders.cancel(alice, null, order) : orders.shipAll(admin, order));

            assertOneWinner(shop, order, outcomes, OrderEvent.OrderCancelled.class, OrderEvent.ItemsShipped.class);
        }
    }

    @Test
    void a_race_of_cancel_and_fail_lets_exactly_one_terminal_transition_win() throws Exception {
        Shop shop = Shop.withSlowIds();
        OrderService orders = shop.ordering.orders;
        for (int round = 0; round < 25; round++) {
            OrderId order = shop.placedByAlice();

            List<Object> outcomes = Racing.race(
                    2,
                    racer -> racer == 0
                            ? orders.cancel(alice, null, order)
                            : orders.fail(checkout, order, FailureReason.PAYMENT_DECLINED));

            assertOneWinner(shop, order, outcomes, OrderEvent.OrderCancelled.class, OrderEvent.OrderFailed.class);
        }
    }

    @Test
    void a_race_of_cancel_and_complete_on_a_shipped_order_lets_only_complete_win() throws Exception {
        Shop shop = Shop.withSlowIds();
        OrderService orders = shop.ordering.orders;
        OrderId order = shop.confirmedByAlice();
        orders.ship(admin, order, List.of(new LineQuantity(DUNE, Quantity.of(1))));

        List<Object> outcomes = Racing.race(
                2, racer -> racer == 0 ? orders.cancel(alice, null, order) : orders.complete(checkout, null, order));

        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Done.class);
        assertThat(refusal(outcome(outcomes.get(0)))).isInstanceOf(NotAllowed.class);
        assertThat(shop.history(order))
                .extracting(recorded -> recorded.event().getClass().getSimpleName())
                .doesNotContain("OrderCancelled")
                .endsWith("OrderCompleted");
    }

    private static void assertOneWinner(
            Shop shop, OrderId order, List<Object> outcomes, Class<?> oneEvent, Class<?> otherEvent) {
        assertThat(outcomes).filteredOn(Outcome.Done.class::isInstance).hasSize(1);
        Object loser = outcomes.stream()
                .filter(outcome -> !(outcome instanceof Outcome.Done))
                .findFirst()
                .orElseThrow();
        if (loser instanceof Outcome.Refused<?> refused) {
            assertThat(refused.reason()).isInstanceOf(NotAllowed.class);
        } else {
            assertThat(loser).isInstanceOf(ConflictPersisted.class);
        }
        List<Class<?>> kinds = shop.history(order).stream()
                .<Class<?>>map(recorded -> recorded.event().getClass())
                .toList();
        assertThat(kinds.contains(oneEvent) ^ kinds.contains(otherEvent))
                .as("exactly one of %s and %s in %s", oneEvent.getSimpleName(), otherEvent.getSimpleName(), kinds)
                .isTrue();
    }

    @Test
    void another_buyer_s_order_is_unknown_to_every_command() {
        OrderId order = shop.confirmedByAlice();
        var unknown = new UnknownOrder(order);
        long before = shop.history(order).size();

        List<Supplier<Outcome<OrderRejection>>> commands = List.of(
                () -> orders.confirm(bob, order),
                () -> orders.fail(bob, order, FailureReason.OUT_OF_STOCK),
                () -> orders.modify(bob, null, order, Modification.shipTo(OFFICE)),
                () -> orders.modify(bob, null, order, new Modification.RemoveLine(EMMA)),
                () -> orders.ship(bob, order, List.of(new LineQuantity(DUNE, Quantity.of(1)))),
                () -> orders.shipAll(bob, order),
                () -> orders.complete(bob, null, order),
                () -> orders.cancel(bob, "req-b", order),
                () -> orders.delete(bob, order));
        for (Supplier<Outcome<OrderRejection>> command : commands) {
            assertThat(command.get()).isEqualTo(new Outcome.Refused<>(unknown));
        }

        assertThat(shop.history(order)).hasSize((int) before);
        assertThat(orders.load(bob, order).state()).isEqualTo(new OrderState.None());
        assertThat(orders.load(bob, order).version()).isZero();
    }

    @Test
    void another_buyer_s_order_is_invisible_to_every_query() {
        OrderId order = shop.confirmedByAlice();
        shop.ordering.drain();
        var queries = shop.ordering.queries;

        assertThat(queries.find(bob, order)).isEmpty();
        assertThat(queries.list(bob, null, null, PageRequest.first(20)).items()).isEmpty();
        assertThat(queries.list(bob, ALICE, null, PageRequest.first(20)).items())
                .as("a buyer's filter by another buyer still lists only their own")
                .isEmpty();
        assertThat(queries.history(bob, order)).isEmpty();
        assertThat(queries.asOf(bob, order, shop.clock.instant())).isEmpty();
        assertThat(queries.find(alice, order)).isPresent();
        assertThat(queries.list(admin, ALICE, null, PageRequest.first(20)).items())
                .hasSize(1);
    }

    @Test
    void a_buyer_may_not_place_an_order_for_another_buyer() {
        Outcome<OrderRejection> outcome = orders.place(bob, null, ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE));

        assertThat(refusal(outcome)).isInstanceOf(Forbidden.class);
        assertThat(placedEvents()).isEmpty();
    }

    @Test
    void a_buyer_cannot_ship_delete_or_confirm_their_own_order() {
        OrderId order = shop.confirmedByAlice();

        assertThat(refusal(orders.ship(alice, order, List.of(new LineQuantity(DUNE, Quantity.of(1))))))
                .isEqualTo(new Forbidden(order, "ship"));
        assertThat(refusal(orders.shipAll(alice, order))).isEqualTo(new Forbidden(order, "ship"));
        assertThat(refusal(orders.delete(alice, order))).isEqualTo(new Forbidden(order, "delete"));
        assertThat(refusal(orders.confirm(alice, order))).isEqualTo(new Forbidden(order, "confirm"));
        assertThat(refusal(orders.fail(alice, order, FailureReason.OUT_OF_STOCK)))
                .isEqualTo(new Forbidden(order, "fail"));
        assertThat(shop.history(order)).hasSize(2);
    }

    @Test
    void an_admin_deletes_a_finished_order_which_then_disappears_for_its_buyer() {
        OrderId order = shop.placedByAlice();
        orders.cancel(alice, null, order);

        assertThat(orders.delete(admin, order)).isEqualTo(done(order, 3));
        shop.ordering.drain();

        assertThat(shop.ordering.queries.find(alice, order)).isEmpty();
        assertThat(shop.ordering
                        .queries
                        .list(alice, null, null, PageRequest.first(20))
                        .items())
                .isEmpty();
        assertThat(shop.ordering.queries.history(alice, order)).isEmpty();
        assertThat(shop.ordering.queries.history(admin, order)).hasSize(3);
        assertThat(orders.cancel(alice, null, order)).isEqualTo(new Outcome.Refused<>(new UnknownOrder(order)));
    }

    @Test
    void a_modification_by_its_buyer_changes_the_order_and_a_repeat_changes_nothing() {
        OrderId order = shop.placedByAlice();

        assertThat(orders.modify(alice, "req-m", order, Modification.shipTo(OFFICE)))
                .isEqualTo(done(order, 2));
        assertThat(orders.modify(alice, null, order, Modification.shipTo(OFFICE)))
                .isEqualTo(done(order, 2));
        shop.ordering.drain();

        assertThat(shop.ordering.queries.find(alice, order).orElseThrow().shippingAddress())
                .isEqualTo(OFFICE);
        assertThat(shop.history(order)).hasSize(2);
    }

    @Test
    void after_more_than_50_events_a_snapshot_exists_and_load_starts_from_it() {
        OrderId order = shop.placedByAlice();
        for (int i = 0; i < 55; i++) {
            orders.modify(alice, null, order, Modification.shipTo(i % 2 == 0 ? OFFICE : HOME));
        }
        var stream = OrderService.stream(order);
        var decider = new OrderDecider();
        List<OrderEvent> events = shop.ordering.events.load(stream).domainEvents(OrderEvent.class);
        assertThat(events).hasSize(56);

        var snapshot = shop.ordering.snapshots.load(stream, OrderDecider.VERSION);
        assertThat(snapshot).isPresent();
        assertThat(snapshot.orElseThrow().version()).isEqualTo(50);
        assertThat(snapshot.orElseThrow().state()).isEqualTo(decider.fold(events.subList(0, 50)));
        assertThat(orders.load(alice, order)).isEqualTo(new OrderService.Visible(decider.fold(events), 56));

        // a snapshot marked with a placed time the stream never had shows whether load starts from it
        OrderState marked = marked(decider.fold(events.subList(0, 50)));
        shop.ordering.snapshots.save(new Snapshot(stream, 50, OrderDecider.VERSION, marked));

        OrderState loaded = orders.load(alice, order).state();

        assertThat(loaded).isEqualTo(decider.fold(marked, events.subList(50, 56)));
        assertThat(((OrderState.Existing) loaded).facts().placedAt()).isEqualTo(MARK);
    }

    @Test
    void a_snapshot_of_another_decider_version_is_ignored() {
        OrderId order = shop.placedByAlice();
        for (int i = 0; i < 52; i++) {
            orders.modify(alice, null, order, Modification.shipTo(i % 2 == 0 ? OFFICE : HOME));
        }
        var stream = OrderService.stream(order);
        var decider = new OrderDecider();
        List<OrderEvent> events = shop.ordering.events.load(stream).domainEvents(OrderEvent.class);
        // were it used, this snapshot would show its mark
        shop.ordering.snapshots.save(new Snapshot(stream, 53, OrderDecider.VERSION + 1, marked(decider.fold(events))));

        assertThat(orders.load(alice, order)).isEqualTo(new OrderService.Visible(decider.fold(events), 53));
        assertThat(orders.modify(alice, null, order, Modification.shipTo(OFFICE))
                        .isDone())
                .isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Outcome<OrderRejection> outcome(Object raced) {
        return (Outcome<OrderRejection>) raced;
    }

    private List<RecordedEvent> placedEvents() {
        return placedEvents(shop);
    }

    private static List<RecordedEvent> placedEvents(Shop shop) {
        return shop.ordering.events.readAfter(LogPosition.START, 10_000).stream()
                .filter(recorded -> recorded.event() instanceof OrderEvent.OrderPlaced)
                .toList();
    }

    private static Outcome<OrderRejection> done(OrderId order, long version) {
        return new Outcome.Done<>(OrderService.stream(order), version);
    }

    /** The same state with a placed time no event ever carried. */
    private static OrderState marked(OrderState state) {
        OrderFacts facts = ((OrderState.Placed) state).facts();
        return new OrderState.Placed(new OrderFacts(
                facts.id(),
                facts.buyer(),
                facts.shippingAddress(),
                facts.lines(),
                facts.total(),
                facts.shipped(),
                MARK,
                facts.deleted()));
    }
}

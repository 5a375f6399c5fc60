package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.DeciderSpec.given;
import static org.bookworm.ordering.core.testing.OrderSamples.ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.ALL_SHIPPED;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER;
import static org.bookworm.ordering.core.testing.OrderSamples.CANCELLED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.COMPLETED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.CONFIRMED;
import static org.bookworm.ordering.core.testing.OrderSamples.CONFIRMED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.DELETED;
import static org.bookworm.ordering.core.testing.OrderSamples.DELETED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.EMMA;
import static org.bookworm.ordering.core.testing.OrderSamples.EMMA_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.FAILED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.LINES;
import static org.bookworm.ordering.core.testing.OrderSamples.NONE;
import static org.bookworm.ordering.core.testing.OrderSamples.ONE_DUNE_SHIPPED;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.OTHER_ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.PARTIALLY_SHIPPED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.PLACED;
import static org.bookworm.ordering.core.testing.OrderSamples.PLACED_FACTS;
import static org.bookworm.ordering.core.testing.OrderSamples.PLACED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.SHIPPED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.T4;
import static org.bookworm.ordering.core.testing.OrderSamples.T5;
import static org.bookworm.ordering.core.testing.OrderSamples.TOTAL;
import static org.bookworm.ordering.core.testing.OrderSamples.UNKNOWN_BOOK;
import static org.bookworm.ordering.core.testing.OrderSamples.book;
import static org.bookworm.ordering.core.testing.OrderSamples.qty;
import static org.bookworm.ordering.core.testing.OrderSamples.usd;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.Modification.ChangeQuantity;
import org.bookworm.ordering.core.ordering.Modification.ChangeShippingAddress;
import org.bookworm.ordering.core.ordering.Modification.RemoveLine;
import org.bookworm.ordering.core.ordering.OrderCommand.CancelOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.CompleteOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ConfirmOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.DeleteOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.FailOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ModifyOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.PlaceOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ShipItems;
import org.bookworm.ordering.core.ordering.OrderCommand.ShipRemaining;
import org.bookworm.ordering.core.ordering.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCancelled;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderFailed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderRejection.AlreadyPlaced;
import org.bookworm.ordering.core.ordering.OrderRejection.EmptyOrder;
import org.bookworm.ordering.core.ordering.OrderRejection.ExceedsOpenQuantity;
import org.bookworm.ordering.core.ordering.OrderRejection.LastLine;
import org.bookworm.ordering.core.ordering.OrderRejection.NotAllowed;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownLine;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every order command in every stage of the order's life, with the exact events or the exact rejection; then the
 * rules in detail (empty orders, over-shipping, unknown and last lines, no-op modifications, closing a partial
 * shipment).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderDeciderTest {
    private static final OrderDecider DECIDER = new OrderDecider();

    // one representative of every command, all decided at T5
    private static final PlaceOrder PLACE = new PlaceOrder(ORDER, BUYER, ADDRESS, LINES, T5);
    private static final ConfirmOrder CONFIRM = new ConfirmOrder(ORDER, T5);
    private static final FailOrder FAIL = new FailOrder(ORDER, FailureReason.OUT_OF_STOCK, T5);
    private static final ModifyOrder THREE_DUNES = modify(new ChangeQuantity(DUNE_ID, Quantity.of(3)));
    private static final ModifyOrder WITHOUT_EMMA = modify(new RemoveLine(EMMA_ID));
    private static final ModifyOrder TO_PARIS = modify(new ChangeShippingAddress(OTHER_ADDRESS));
    private static final ShipItems SHIP_ONE_DUNE = new ShipItems(ORDER, List.of(qty(DUNE_ID, 1)), T5);
    private static final ShipRemaining SHIP_REST = new ShipRemaining(ORDER, T5);
    private static final CompleteOrder COMPLETE = new CompleteOrder(ORDER, T5);
    private static final CancelOrder CANCEL = new CancelOrder(ORDER, CancelledBy.BUYER, T5);
    private static final DeleteOrder DELETE = new DeleteOrder(ORDER, T5);

    private static final OrderModified THREE_DUNES_MODIFIED =
            new OrderModified(ORDER, List.of(DUNE.withQuantity(Quantity.of(3)), EMMA), usd("46.49"), ADDRESS, T5);
    private static final OrderModified WITHOUT_EMMA_MODIFIED =
            new OrderModified(ORDER, List.of(DUNE), usd("25.00"), ADDRESS, T5);
    private static final OrderModified TO_PARIS_MODIFIED = new OrderModified(ORDER, LINES, TOTAL, OTHER_ADDRESS, T5);

    private static ModifyOrder modify(Modification change) {
        return new ModifyOrder(ORDER, change, T5);
    }

    private static Decision<OrderEvent, OrderRejection> accepted(OrderEvent event) {
        return Decision.accept(event);
    }

    private static Decision<OrderEvent, OrderRejection> refused(OrderRejection reason) {
        return Decision.reject(reason);
    }

    private static Decision<OrderEvent, OrderRejection> notAllowed(String action, String stage) {
        return refused(new NotAllowed(ORDER, action, stage));
    }

    private static Decision<OrderEvent, OrderRejection> unknown() {
        return refused(new UnknownOrder(ORDER));
    }

    static Stream<Arguments> every_command_in_every_stage() {
        var cases = new ArrayList<Arguments>();
        // None: only a placement is known
        add(cases, "None", NONE, PLACE, accepted(new OrderPlaced(ORDER, BUYER, ADDRESS, LINES, TOTAL, T5)));
        for (OrderCommand command : List.of(
                CONFIRM,
                FAIL,
                THREE_DUNES,
                WITHOUT_EMMA,
                TO_PARIS,
                SHIP_ONE_DUNE,
                SHIP_REST,
                COMPLETE,
                CANCEL,
                DELETE)) {
            add(cases, "None", NONE, command, unknown());
        }
        // Placed: checkout decides; the buyer may still change or cancel
        add(cases, "Placed", PLACED_ORDER, PLACE, refused(new AlreadyPlaced(ORDER)));
        add(cases, "Placed", PLACED_ORDER, CONFIRM, accepted(new OrderConfirmed(ORDER, PLACED_FACTS, T5)));
        add(cases, "Placed", PLACED_ORDER, FAIL, accepted(new OrderFailed(ORDER, FailureReason.OUT_OF_STOCK, T5)));
        add(cases, "Placed", PLACED_ORDER, THREE_DUNES, accepted(THREE_DUNES_MODIFIED));
        add(cases, "Placed", PLACED_ORDER, WITHOUT_EMMA, accepted(WITHOUT_EMMA_MODIFIED));
        add(cases, "Placed", PLACED_ORDER, TO_PARIS, accepted(TO_PARIS_MODIFIED));
        add(cases, "Placed", PLACED_ORDER, SHIP_ONE_DUNE, notAllowed("ship", "Placed"));
        add(cases, "Placed", PLACED_ORDER, SHIP_REST, notAllowed("ship", "Placed"));
        add(cases, "Placed", PLACED_ORDER, COMPLETE, notAllowed("complete", "Placed"));
        add(cases, "Placed", PLACED_ORDER, CANCEL, accepted(new OrderCancelled(ORDER, CancelledBy.BUYER, T5)));
        add(cases, "Placed", PLACED_ORDER, DELETE, notAllowed("delete", "Placed"));
        // Confirmed: ships; still changeable and cancellable
        add(cases, "Confirmed", CONFIRMED_ORDER, PLACE, refused(new AlreadyPlaced(ORDER)));
        add(cases, "Confirmed", CONFIRMED_ORDER, CONFIRM, notAllowed("confirm", "Confirmed"));
        add(cases, "Confirmed", CONFIRMED_ORDER, FAIL, notAllowed("fail", "Confirmed"));
        add(cases, "Confirmed", CONFIRMED_ORDER, THREE_DUNES, accepted(THREE_DUNES_MODIFIED));
        add(cases, "Confirmed", CONFIRMED_ORDER, WITHOUT_EMMA, accepted(WITHOUT_EMMA_MODIFIED));
        add(cases, "Confirmed", CONFIRMED_ORDER, TO_PARIS, accepted(TO_PARIS_MODIFIED));
        add(
                cases,
                "Confirmed",
                CONFIRMED_ORDER,
                SHIP_ONE_DUNE,
                accepted(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 1)), usd("12.50"), T5)));
        add(
                cases,
                "Confirmed",
                CONFIRMED_ORDER,
                SHIP_REST,
                accepted(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 2), qty(EMMA_ID, 1)), TOTAL, T5)));
        add(cases, "Confirmed", CONFIRMED_ORDER, COMPLETE, notAllowed("complete", "Confirmed"));
        add(cases, "Confirmed", CONFIRMED_ORDER, CANCEL, accepted(new OrderCancelled(ORDER, CancelledBy.BUYER, T5)));
        add(cases, "Confirmed", CONFIRMED_ORDER, DELETE, notAllowed("delete", "Confirmed"));
        // PartiallyShipped: one Dune of two is out; the rest ships or is cancelled on completion
        var partial = PARTIALLY_SHIPPED_ORDER;
        add(cases, "PartiallyShipped", partial, PLACE, refused(new AlreadyPlaced(ORDER)));
        add(cases, "PartiallyShipped", partial, CONFIRM, notAllowed("confirm", "PartiallyShipped"));
        add(cases, "PartiallyShipped", partial, FAIL, notAllowed("fail", "PartiallyShipped"));
        for (OrderCommand command : List.of(THREE_DUNES, WITHOUT_EMMA, TO_PARIS)) {
            add(cases, "PartiallyShipped", partial, command, notAllowed("modify", "PartiallyShipped"));
        }
        add(
                cases,
                "PartiallyShipped",
                partial,
                SHIP_ONE_DUNE,
                accepted(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 1)), usd("12.50"), T5)));
        add(
                cases,
                "PartiallyShipped",
                partial,
                SHIP_REST,
                accepted(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 1), qty(EMMA_ID, 1)), usd("21.49"), T5)));
        add(
                cases,
                "PartiallyShipped",
                partial,
                COMPLETE,
                accepted(new OrderCompleted(ORDER, List.of(qty(DUNE_ID, 1), qty(EMMA_ID, 1)), usd("21.49"), T5)));
        add(cases, "PartiallyShipped", partial, CANCEL, notAllowed("cancel", "PartiallyShipped"));
        add(cases, "PartiallyShipped", partial, DELETE, notAllowed("delete", "PartiallyShipped"));
        // Shipped: only delivery completes it
        add(cases, "Shipped", SHIPPED_ORDER, PLACE, refused(new AlreadyPlaced(ORDER)));
        add(cases, "Shipped", SHIPPED_ORDER, CONFIRM, notAllowed("confirm", "Shipped"));
        add(cases, "Shipped", SHIPPED_ORDER, FAIL, notAllowed("fail", "Shipped"));
        for (OrderCommand command : List.of(THREE_DUNES, WITHOUT_EMMA, TO_PARIS)) {
            add(cases, "Shipped", SHIPPED_ORDER, command, notAllowed("modify", "Shipped"));
        }
        add(cases, "Shipped", SHIPPED_ORDER, SHIP_ONE_DUNE, notAllowed("ship", "Shipped"));
        add(cases, "Shipped", SHIPPED_ORDER, SHIP_REST, notAllowed("ship", "Shipped"));
        add(cases, "Shipped", SHIPPED_ORDER, COMPLETE, accepted(new OrderCompleted(ORDER, List.of(), usd("0.00"), T5)));
        add(cases, "Shipped", SHIPPED_ORDER, CANCEL, notAllowed("cancel", "Shipped"));
        add(cases, "Shipped", SHIPPED_ORDER, DELETE, notAllowed("delete", "Shipped"));
        // the three finished stages: nothing but one delete
        addFinished(cases, "Completed", COMPLETED_ORDER);
        addFinished(cases, "Cancelled", CANCELLED_ORDER);
        addFinished(cases, "Failed", FAILED_ORDER);
        // deleted: unknown to every command, a second delete and a new placement included
        for (OrderCommand command : List.of(
                PLACE,
                CONFIRM,
                FAIL,
                THREE_DUNES,
                WITHOUT_EMMA,
                TO_PARIS,
                SHIP_ONE_DUNE,
                SHIP_REST,
                COMPLETE,
                CANCEL,
                DELETE)) {
            add(cases, "deleted", DELETED_ORDER, command, unknown());
        }
        return cases.stream();
    }

    private static void addFinished(List<Arguments> cases, String stage, List<OrderEvent> history) {
        add(cases, stage, history, PLACE, refused(new AlreadyPlaced(ORDER)));
        add(cases, stage, history, CONFIRM, notAllowed("confirm", stage));
        add(cases, stage, history, FAIL, notAllowed("fail", stage));
        for (OrderCommand command : List.of(THREE_DUNES, WITHOUT_EMMA, TO_PARIS)) {
            add(cases, stage, history, command, notAllowed("modify", stage));
        }
        add(cases, stage, history, SHIP_ONE_DUNE, notAllowed("ship", stage));
        add(cases, stage, history, SHIP_REST, notAllowed("ship", stage));
        add(cases, stage, history, COMPLETE, notAllowed("complete", stage));
        add(cases, stage, history, CANCEL, notAllowed("cancel", stage));
        add(cases, stage, history, DELETE, accepted(new OrderDeleted(ORDER, T5)));
    }

    private static void add(
            List<Arguments> cases,
            String stage,
            List<OrderEvent> history,
            OrderCommand command,
            Decision<OrderEvent, OrderRejection> expected) {
        String commandName = command instanceof ModifyOrder modify
                ? "ModifyOrder(" + modify.change().getClass().getSimpleName() + ")"
                : command.getClass().getSimpleName();
        cases.add(Arguments.of(stage, commandName, history, command, expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource
    void every_command_in_every_stage(
            String stage,
            String commandName,
            List<OrderEvent> history,
            OrderCommand command,
            Decision<OrderEvent, OrderRejection> expected) {
        var when = given(DECIDER, history).when(command);
        switch (expected) {
            case Decision.Accepted<OrderEvent, OrderRejection> accepted -> when.then(accepted.events());
            case Decision.Rejected<OrderEvent, OrderRejection> rejected -> when.thenRejectedWith(rejected.reason());
        }
    }

    @Test
    void the_matrix_covers_every_command_kind_every_modification_and_every_stage() {
        var rows = every_command_in_every_stage().map(Arguments::get).toList();
        var commandKinds = rows.stream()
                .map(row -> row[3].getClass().getSimpleName())
                .distinct()
                .toList();
        var stages = rows.stream().map(row -> (String) row[0]).distinct().toList();

        assertThat(commandKinds)
                .containsExactlyInAnyOrderElementsOf(names(OrderCommand.class.getPermittedSubclasses()));
        assertThat(stages)
                .containsExactly(
                        "None",
                        "Placed",
                        "Confirmed",
                        "PartiallyShipped",
                        "Shipped",
                        "Completed",
                        "Cancelled",
                        "Failed",
                        "deleted");
        // every stage answers every command and every kind of modification
        assertThat(rows).hasSize(9 * 11);
        assertThat(rows.stream()
                        .filter(row -> row[3] instanceof ModifyOrder)
                        .map(row -> ((ModifyOrder) row[3]).change().getClass().getSimpleName())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(names(Modification.class.getPermittedSubclasses()));
    }

    private static List<String> names(Class<?>[] types) {
        return Stream.of(types).map(Class::getSimpleName).toList();
    }

    @Nested
    class Placing {
        @Test
        void an_empty_order_is_refused() {
            given(DECIDER, NONE)
                    .when(new PlaceOrder(ORDER, BUYER, ADDRESS, List.of(), T0))
                    .thenRejectedWith(new EmptyOrder(ORDER));
            assertThat(new EmptyOrder(ORDER).message()).contains("at least one line");
        }

        @Test
        void the_order_copies_the_buyer_and_the_catalog_prices_and_totals_them_exactly() {
            var cheap = new OrderLine(book(1), new BookTitle("Pamphlet"), Quantity.of(3), usd("0.10"));
            var other = new OrderLine(book(2), new BookTitle("Leaflet"), Quantity.of(1), usd("0.20"));

            given(DECIDER, NONE)
                    .when(new PlaceOrder(ORDER, BUYER, ADDRESS, List.of(cheap, other), T0))
                    .then(new OrderPlaced(ORDER, BUYER, ADDRESS, List.of(cheap, other), usd("0.50"), T0));
        }

        @Test
        void placing_twice_is_refused_whatever_the_lines() {
            given(DECIDER, PLACED_ORDER)
                    .when(new PlaceOrder(ORDER, BUYER, OTHER_ADDRESS, List.of(DUNE), T5))
                    .thenRejectedWith(new AlreadyPlaced(ORDER));
        }
    }

    @Nested
    class Shipping {
        @Test
        void shipping_more_than_is_open_is_refused_with_the_open_quantity() {
            given(DECIDER, CONFIRMED_ORDER)
                    .when(new ShipItems(ORDER, List.of(qty(DUNE_ID, 3)), T5))
                    .thenRejectedWith(new ExceedsOpenQuantity(ORDER, DUNE_ID, 3, 2));
            given(DECIDER, PARTIALLY_SHIPPED_ORDER)
                    .when(new ShipItems(ORDER, List.of(qty(DUNE_ID, 2)), T5))
                    .thenRejectedWith(new ExceedsOpenQuantity(ORDER, DUNE_ID, 2, 1));
            assertThat(new ExceedsOpenQuantity(ORDER, DUNE_ID, 2, 1).message()).contains("only 1 left to ship");
        }

        @Test
        void one_bad_line_refuses_the_whole_shipment() {
            given(DECIDER, CONFIRMED_ORDER)
                    .when(new ShipItems(ORDER, List.of(qty(EMMA_ID, 1), qty(DUNE_ID, 5)), T5))
                    .thenRejectedWith(new ExceedsOpenQuantity(ORDER, DUNE_ID, 5, 2));
        }

        @Test
        void shipping_a_book_that_is_not_on_the_order_is_an_unknown_line() {
            given(DECIDER, CONFIRMED_ORDER)
                    .when(new ShipItems(ORDER, List.of(qty(UNKNOWN_BOOK, 1)), T5))
                    .thenRejectedWith(new UnknownLine(ORDER, UNKNOWN_BOOK));
        }

        @Test
        void a_line_shipped_in_full_has_nothing_left_to_ship() {
            var emmaOut = new ItemsShipped(ORDER, List.of(qty(EMMA_ID, 1)), usd("8.99"), T4);
            given(DECIDER, List.of(PLACED, CONFIRMED, emmaOut))
                    .when(new ShipItems(ORDER, List.of(qty(EMMA_ID, 1)), T5))
                    .thenRejectedWith(new ExceedsOpenQuantity(ORDER, EMMA_ID, 1, 0));
        }

        @Test
        void the_shipped_value_is_exact_at_the_order_prices() {
            var dimes = new OrderLine(book(1), new BookTitle("Dimes"), Quantity.of(99), usd("0.10"));
            var pricey = new OrderLine(book(2), new BookTitle("Folio"), Quantity.of(7), usd("999.99"));
            var placed = new OrderPlaced(ORDER, BUYER, ADDRESS, List.of(dimes, pricey), usd("6999.83"), T0);

            given(DECIDER, List.of(placed, CONFIRMED))
                    .when(new ShipItems(ORDER, List.of(qty(book(1), 33), qty(book(2), 3)), T5))
                    .then(new ItemsShipped(ORDER, List.of(qty(book(1), 33), qty(book(2), 3)), usd("3003.27"), T5));
        }

        @Test
        void shipping_the_last_open_items_makes_the_order_shipped() {
            var state = given(DECIDER, PARTIALLY_SHIPPED_ORDER)
                    .when(new ShipItems(ORDER, List.of(qty(DUNE_ID, 1), qty(EMMA_ID, 1)), T5))
                    .then(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 1), qty(EMMA_ID, 1)), usd("21.49"), T5));
            assertThat(state).isInstanceOf(OrderState.Shipped.class);
        }

        @Test
        void shipping_ships_the_modified_quantities() {
            var state = given(DECIDER, List.of(PLACED, CONFIRMED, THREE_DUNES_MODIFIED))
                    .when(SHIP_REST)
                    .then(new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 3), qty(EMMA_ID, 1)), usd("46.49"), T5));
            assertThat(state).isInstanceOf(OrderState.Shipped.class);
        }
    }

    @Nested
    class Modifying {
        @Test
        void changing_the_quantity_of_a_book_not_on_the_order_is_an_unknown_line() {
            given(DECIDER, PLACED_ORDER)
                    .when(modify(new ChangeQuantity(UNKNOWN_BOOK, Quantity.of(1))))
                    .thenRejectedWith(new UnknownLine(ORDER, UNKNOWN_BOOK));
        }

        @Test
        void removing_a_book_not_on_the_order_is_an_unknown_line() {
            given(DECIDER, CONFIRMED_ORDER)
                    .when(modify(new RemoveLine(UNKNOWN_BOOK)))
                    .thenRejectedWith(new UnknownLine(ORDER, UNKNOWN_BOOK));
        }

        @Test
        void the_last_line_is_never_removed() {
            given(DECIDER, List.of(PLACED, WITHOUT_EMMA_MODIFIED))
                    .when(modify(new RemoveLine(DUNE_ID)))
                    .thenRejectedWith(new LastLine(ORDER, DUNE_ID));
            assertThat(new LastLine(ORDER, DUNE_ID).message()).contains("cancel the order instead");
        }

        @Test
        void a_modification_that_changes_nothing_emits_nothing() {
            given(DECIDER, PLACED_ORDER)
                    .when(modify(new ChangeQuantity(DUNE_ID, Quantity.of(2))))
                    .thenNothingHappens();
            given(DECIDER, CONFIRMED_ORDER)
                    .when(modify(new ChangeShippingAddress(ADDRESS)))
                    .thenNothingHappens();
            given(DECIDER, List.of(PLACED, TO_PARIS_MODIFIED)).when(TO_PARIS).thenNothingHappens();
        }

        @Test
        void a_modified_order_keeps_its_stage() {
            var state = given(DECIDER, CONFIRMED_ORDER).when(TO_PARIS).then(TO_PARIS_MODIFIED);
            assertThat(state).isInstanceOf(OrderState.Confirmed.class);
            assertThat(((OrderState.Confirmed) state).facts().shippingAddress()).isEqualTo(OTHER_ADDRESS);
        }
    }

    @Nested
    class Completing {
        @Test
        void completing_a_partial_shipment_cancels_the_rest_with_its_exact_value() {
            var state = given(DECIDER, PARTIALLY_SHIPPED_ORDER)
                    .when(COMPLETE)
                    .then(new OrderCompleted(ORDER, List.of(qty(DUNE_ID, 1), qty(EMMA_ID, 1)), usd("21.49"), T5));
            assertThat(state).isInstanceOf(OrderState.Completed.class);
        }

        @Test
        void completing_a_shipped_order_cancels_nothing() {
            given(DECIDER, SHIPPED_ORDER).when(COMPLETE).then(new OrderCompleted(ORDER, List.of(), usd("0.00"), T5));
        }
    }

    @Nested
    class Deleting {
        @Test
        void a_deleted_cancelled_or_failed_order_is_unknown() {
            var cancelledAndDeleted = new ArrayList<>(CANCELLED_ORDER);
            cancelledAndDeleted.add(DELETED);
            var failedAndDeleted = new ArrayList<>(FAILED_ORDER);
            failedAndDeleted.add(DELETED);

            given(DECIDER, cancelledAndDeleted).when(CONFIRM).thenRejectedWith(new UnknownOrder(ORDER));
            given(DECIDER, failedAndDeleted).when(DELETE).thenRejectedWith(new UnknownOrder(ORDER));
        }

        @Test
        void a_live_order_must_be_cancelled_before_it_can_be_deleted() {
            given(DECIDER, CONFIRMED_ORDER).when(DELETE).thenRejectedWith(new NotAllowed(ORDER, "delete", "Confirmed"));
            var state = given(DECIDER, List.of(PLACED, CONFIRMED, new OrderCancelled(ORDER, CancelledBy.ADMIN, T4)))
                    .when(DELETE)
                    .then(new OrderDeleted(ORDER, T5));
            assertThat(DECIDER.isTerminal(state)).isTrue();
            assertThat(((OrderState.Cancelled) state).facts().deleted()).isTrue();
        }
    }

    @Nested
    class Evolving {
        @Test
        void an_event_that_cannot_follow_the_state_is_a_corrupt_stream() {
            assertThatThrownBy(() -> DECIDER.fold(List.of(CONFIRMED)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no transition from None on OrderConfirmed");
            assertThatThrownBy(() -> DECIDER.fold(List.of(PLACED, PLACED))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> DECIDER.fold(List.of(PLACED, CONFIRMED, ONE_DUNE_SHIPPED, THREE_DUNES_MODIFIED)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> DECIDER.fold(List.of(PLACED, DELETED))).isInstanceOf(IllegalStateException.class);
            var deletedTwice = new ArrayList<>(DELETED_ORDER);
            deletedTwice.add(DELETED);
            assertThatThrownBy(() -> DECIDER.fold(deletedTwice)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void only_finished_or_deleted_orders_are_terminal() {
            assertThat(Stream.of(
                                    NONE,
                                    PLACED_ORDER,
                                    CONFIRMED_ORDER,
                                    PARTIALLY_SHIPPED_ORDER,
                                    SHIPPED_ORDER,
                                    COMPLETED_ORDER,
                                    CANCELLED_ORDER,
                                    FAILED_ORDER,
                                    DELETED_ORDER)
                            .map(history -> DECIDER.isTerminal(DECIDER.fold(history))))
                    .containsExactly(false, false, false, false, false, true, true, true, true);
        }

        @Test
        void the_state_tracks_what_shipped_and_what_is_open() {
            var facts = ((OrderState.PartiallyShipped) DECIDER.fold(PARTIALLY_SHIPPED_ORDER)).facts();
            assertThat(facts.shippedOf(DUNE_ID)).isEqualTo(1);
            assertThat(facts.open()).containsExactly(qty(DUNE_ID, 1), qty(EMMA_ID, 1));
            assertThat(DECIDER.fold(SHIPPED_ORDER)).isInstanceOf(OrderState.Shipped.class);
            assertThat(ALL_SHIPPED.value()).isEqualTo(TOTAL);
        }
    }
}

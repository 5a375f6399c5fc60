package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.ordering.OrderCommand.PlaceOrder;
import org.bookworm.ordering.core.ordering.OrderState.Existing;
import org.bookworm.ordering.core.testing.OrderGen;
import org.bookworm.ordering.core.testing.OrderSamples;
import org.bookworm.ordering.core.testing.Property;
import org.bookworm.ordering.core.testing.Property.Shrink;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Properties of orders as stored: random command sequences go through {@link OrderService} on the in-memory
 * adapters, and the event store's version and the read-model fold are compared with what the decider says.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderStreamPropertiesTest {
    private static final OrderDecider DECIDER = new OrderDecider();
    private static final Caller ADMIN = Caller.admin("admin-1");
    private static final Caller CHECKOUT = Caller.system("checkout");
    private static final Shrink<List<OrderCommand>> SHORTER = Shrink.listsKeepingFirst(1, Shrink.none());

    /** A generated sequence with the seed for the ids the in-memory store mints. */
    record Scenario(long idSeed, List<OrderCommand> commands) {}

    private static Scenario scenario(SplittableRandom random) {
        return new Scenario(random.nextLong(), OrderGen.commands(random));
    }

    private static final Shrink<Scenario> SHORTER_SCENARIO = scenario ->
            SHORTER.candidates(scenario.commands()).map(commands -> new Scenario(scenario.idSeed(), commands));

    @Test
    void the_stream_version_grows_by_exactly_the_number_of_events_each_command_emits() {
        Property.check(
                "version grows by the events emitted",
                Property.DEFAULT_TRIES,
                OrderStreamPropertiesTest::scenario,
                SHORTER_SCENARIO,
                scenario -> {
                    var ordering = new InMemoryOrdering(
                            InstantSource.fixed(OrderSamples.T0), new SplittableRandom(scenario.idSeed()));
                    OrderId id =
                            place(ordering, (PlaceOrder) scenario.commands().getFirst());
                    StreamId stream = OrderService.stream(id);
                    assertThat(ordering.events.load(stream).version()).isEqualTo(1);
                    for (OrderCommand generated :
                            scenario.commands().subList(1, scenario.commands().size())) {
                        if (generated instanceof PlaceOrder) {
                            continue; // the service mints a new id for every placement: no way to place this one twice
                        }
                        OrderCommand command = withOrder(generated, id);
                        var before = ordering.orders.load(ADMIN, id);
                        Decision<OrderEvent, OrderRejection> expected = DECIDER.decide(command, before.state());

                        Outcome<OrderRejection> outcome = send(ordering.orders, command);

                        long stored = ordering.events.load(stream).version();
                        switch (expected) {
                            case Decision.Rejected<OrderEvent, OrderRejection> rejected -> {
                                assertThat(outcome)
                                        .as("%s", command)
                                        .isEqualTo(new Outcome.Refused<>(rejected.reason()));
                                assertThat(stored).isEqualTo(before.version());
                            }
                            case Decision.Accepted<OrderEvent, OrderRejection> accepted -> {
                                long grown =
                                        before.version() + accepted.events().size();
                                assertThat(outcome).as("%s", command).isEqualTo(new Outcome.Done<>(stream, grown));
                                assertThat(stored).isEqualTo(grown);
                            }
                        }
                    }
                });
    }

    @Test
    void the_read_model_fold_agrees_with_the_decider_state() {
        Property.check(
                "projection agrees with decider",
                Property.DEFAULT_TRIES,
                OrderStreamPropertiesTest::scenario,
                SHORTER_SCENARIO,
                scenario -> {
                    var ordering = new InMemoryOrdering(
                            InstantSource.fixed(OrderSamples.T0), new SplittableRandom(scenario.idSeed()));
                    OrderId id =
                            place(ordering, (PlaceOrder) scenario.commands().getFirst());
                    for (OrderCommand generated :
                            scenario.commands().subList(1, scenario.commands().size())) {
                        if (!(generated instanceof PlaceOrder)) {
                            send(ordering.orders, withOrder(generated, id));
                        }
                        EventStream stream = ordering.events.load(OrderService.stream(id));
                        var loaded = ordering.orders.load(ADMIN, id);
                        assertAgree(OrderProjection.fold(stream.events()), (Existing) loaded.state(), loaded.version());
                    }
                });
    }

    @Test
    void a_finished_order_takes_exactly_one_delete_and_only_from_an_admin() {
        Property.check(
                "one admin delete of a finished order",
                Property.DEFAULT_TRIES,
                OrderStreamPropertiesTest::scenario,
                SHORTER_SCENARIO,
                scenario -> {
                    var ordering = new InMemoryOrdering(
                            InstantSource.fixed(OrderSamples.T0), new SplittableRandom(scenario.idSeed()));
                    var place = (PlaceOrder) scenario.commands().getFirst();
                    OrderId id = place(ordering, place);
                    for (OrderCommand generated :
                            scenario.commands().subList(1, scenario.commands().size())) {
                        if (!(generated instanceof PlaceOrder)) {
                            send(ordering.orders, withOrder(generated, id));
                        }
                    }
                    finish(ordering.orders, id);
                    var loaded = ordering.orders.load(ADMIN, id);
                    var state = (Existing) loaded.state();
                    assertThat(state.status().isTerminal())
                            .as("finished: %s", state)
                            .isTrue();
                    if (state.facts().deleted()) {
                        assertThat(ordering.orders.delete(ADMIN, id))
                                .isEqualTo(new Outcome.Refused<>(new OrderRejection.UnknownOrder(id)));
                        return;
                    }
                    Caller owner = Caller.buyer(place.buyer().id());
                    assertThat(ordering.orders.delete(owner, id))
                            .isEqualTo(new Outcome.Refused<>(new OrderRejection.Forbidden(id, "delete")));
                    assertThat(ordering.orders.delete(ADMIN, id))
                            .isEqualTo(new Outcome.Done<>(OrderService.stream(id), loaded.version() + 1));
                    assertThat(ordering.orders.delete(ADMIN, id))
                            .isEqualTo(new Outcome.Refused<>(new OrderRejection.UnknownOrder(id)));
                    assertThat(ordering.orders.complete(owner, null, id))
                            .isEqualTo(new Outcome.Refused<>(new OrderRejection.UnknownOrder(id)));
                    assertThat(ordering.events.load(OrderService.stream(id)).version())
                            .isEqualTo(loaded.version() + 1);
                });
    }

    /** Finishes a live order the shortest way: fail before confirmation, cancel before shipping, complete after. */
    private static void finish(OrderService orders, OrderId id) {
        switch (orders.load(ADMIN, id).state()) {
            case OrderState.Placed placed -> orders.fail(CHECKOUT, id, FailureReason.CHECKOUT_TIMED_OUT);
            case OrderState.Confirmed confirmed -> orders.cancel(ADMIN, null, id);
            case OrderState.PartiallyShipped partial -> orders.complete(ADMIN, null, id);
            case OrderState.Shipped shipped -> orders.complete(ADMIN, null, id);
            default -> {}
        }
    }

    private static void assertAgree(OrderView view, Existing state, long version) {
        OrderFacts facts = state.facts();
        assertThat(view.status()).isEqualTo(state.status());
        assertThat(view.total()).isEqualTo(facts.total());
        assertThat(view.deleted()).isEqualTo(facts.deleted());
        assertThat(view.version()).isEqualTo(version);
        assertThat(view.shippingAddress()).isEqualTo(facts.shippingAddress());
        assertThat(view.lines())
                .extracting(
                        OrderView.Line::book,
                        OrderView.Line::quantity,
                        OrderView.Line::shipped,
                        OrderView.Line::unitPrice)
                .containsExactlyElementsOf(facts.lines().stream()
                        .map(line -> org.assertj.core.groups.Tuple.tuple(
                                line.book(), line.quantity().value(), facts.shippedOf(line.book()), line.unitPrice()))
                        .toList());
    }

    private static OrderId place(InMemoryOrdering ordering, PlaceOrder place) {
        var outcome = ordering.orders.place(
                Caller.buyer(place.buyer().id()), null, place.buyer(), place.shippingAddress(), place.lines());
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        return new OrderId(((Outcome.Done<OrderRejection>) outcome).stream().id());
    }

    /** The same command for the order the service placed (the service, not the generator, mints order ids). */
    private static OrderCommand withOrder(OrderCommand command, OrderId id) {
        return switch (command) {
            case PlaceOrder c -> new PlaceOrder(id, c.buyer(), c.shippingAddress(), c.lines(), c.at());
            case OrderCommand.ConfirmOrder c -> new OrderCommand.ConfirmOrder(id, c.at());
            case OrderCommand.FailOrder c -> new OrderCommand.FailOrder(id, c.reason(), c.at());
            case OrderCommand.ModifyOrder c -> new OrderCommand.ModifyOrder(id, c.change(), c.at());
            case OrderCommand.ShipItems c -> new OrderCommand.ShipItems(id, c.lines(), c.at());
            case OrderCommand.ShipRemaining c -> new OrderCommand.ShipRemaining(id, c.at());
            case OrderCommand.CompleteOrder c -> new OrderCommand.CompleteOrder(id, c.at());
            case OrderCommand.CancelOrder c -> new OrderCommand.CancelOrder(id, c.by(), c.at());
            case OrderCommand.DeleteOrder c -> new OrderCommand.DeleteOrder(id, c.at());
        };
    }

    /** The use case for a command, called by someone allowed to do it. */
    private static Outcome<OrderRejection> send(OrderService orders, OrderCommand command) {
        OrderId id = command.orderId();
        return switch (command) {
            case PlaceOrder c -> throw new IllegalArgumentException("placements go through place()");
            case OrderCommand.ConfirmOrder c -> orders.confirm(CHECKOUT, id);
            case OrderCommand.FailOrder c -> orders.fail(CHECKOUT, id, c.reason());
            case OrderCommand.ModifyOrder c -> orders.modify(ADMIN, null, id, c.change());
            case OrderCommand.ShipItems c -> orders.ship(ADMIN, id, c.lines());
            case OrderCommand.ShipRemaining c -> orders.shipAll(ADMIN, id);
            case OrderCommand.CompleteOrder c -> orders.complete(ADMIN, null, id);
            case OrderCommand.CancelOrder c ->
                orders.cancel(c.by() == CancelledBy.ADMIN ? ADMIN : buyerOf(orders, id), null, id);
            case OrderCommand.DeleteOrder c -> orders.delete(ADMIN, id);
        };
    }

    private static Caller buyerOf(OrderService orders, OrderId id) {
        return orders.load(ADMIN, id).state() instanceof Existing existing
                ? Caller.buyer(existing.facts().buyer().id())
                : ADMIN;
    }
}

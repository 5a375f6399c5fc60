package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.OrderCommand.PlaceOrder;
import org.bookworm.ordering.core.ordering.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.bookworm.ordering.core.ordering.OrderState.Existing;
import org.bookworm.ordering.core.testing.OrderGen;
import org.bookworm.ordering.core.testing.OrderGen.Run;
import org.bookworm.ordering.core.testing.OrderGen.Step;
import org.bookworm.ordering.core.testing.Property;
import org.bookworm.ordering.core.testing.Property.Shrink;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Properties of the order decider over random command sequences (a placement, then up to 40 commands of every kind),
 * {@value Property#DEFAULT_TRIES} tries each. A failure prints the seed that replays it and the shortest failing
 * sequence found.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderDeciderPropertiesTest {
    private static final OrderDecider DECIDER = new OrderDecider();
    private static final int TRIES = Property.DEFAULT_TRIES;
    private static final Function<SplittableRandom, List<OrderCommand>> SEQUENCES = OrderGen.sequences();
    // the placement stays: without it every later command is just UnknownOrder
    private static final Shrink<List<OrderCommand>> SHORTER = Shrink.listsKeepingFirst(1, Shrink.none());

    @Test
    void replaying_any_prefix_of_the_events_gives_the_state_folded_step_by_step_and_evolve_never_throws() {
        Property.check("fold determinism", TRIES, SEQUENCES, SHORTER, commands -> {
            // OrderGen.run folds every decision as it goes: an evolve that throws fails this property too
            Run run = OrderGen.run(commands);
            List<OrderEvent> events = run.events();
            var stepByStep = new ArrayList<OrderState>();
            OrderState state = DECIDER.initialState();
            stepByStep.add(state);
            for (OrderEvent event : events) {
                state = DECIDER.evolve(state, event);
                stepByStep.add(state);
            }
            for (int length = 0; length <= events.size(); length++) {
                List<OrderEvent> prefix = events.subList(0, length);
                assertThat(DECIDER.fold(prefix))
                        .as("fold of the first %d events", length)
                        .isEqualTo(stepByStep.get(length));
                OrderState rest = DECIDER.fold(DECIDER.fold(prefix), events.subList(length, events.size()));
                assertThat(rest).as("fold resumed after %d events", length).isEqualTo(run.state());
            }
            assertThat(stepByStep.getLast()).isEqualTo(run.state());
        });
    }

    @Test
    void a_rejected_command_emits_nothing_and_leaves_the_state_as_it_was() {
        Property.check("rejection changes nothing", TRIES, SEQUENCES, SHORTER, commands -> {
            for (Step step : OrderGen.run(commands).steps()) {
                if (step.decision() instanceof Decision.Rejected<OrderEvent, OrderRejection> rejected) {
                    assertThat(rejected.events()).isEmpty();
                    assertThat(step.after()).isEqualTo(step.before());
                    // deciding is a function: the same command on the same state is refused the same way
                    assertThat(DECIDER.decide(step.command(), step.before())).isEqualTo(rejected);
                } else if (step.decision().events().isEmpty()) {
                    assertThat(step.after()).isEqualTo(step.before());
                }
            }
        });
    }

    @Test
    void a_finished_order_accepts_nothing_but_one_delete_and_a_deleted_order_accepts_nothing() {
        Property.check("terminal states are terminal", TRIES, SEQUENCES, SHORTER, commands -> {
            Run run = OrderGen.run(commands);
            var place = (PlaceOrder) commands.getFirst();
            Instant later = run.steps().getLast().command().at().plusSeconds(3_600);
            OrderState state = finish(run.state(), place.orderId(), later);
            assertThat(DECIDER.isTerminal(state)).as("finished: %s", state).isTrue();
            var existing = (Existing) state;
            if (!existing.facts().deleted()) {
                for (OrderCommand probe : everyKindOfCommand(place, later)) {
                    var decision = DECIDER.decide(probe, state);
                    if (probe instanceof OrderCommand.DeleteOrder) {
                        assertThat(decision.events()).containsExactly(new OrderDeleted(place.orderId(), later));
                    } else {
                        assertThat(decision)
                                .as("%s on %s", probe, existing.status())
                                .isInstanceOf(Decision.Rejected.class);
                    }
                }
                state = DECIDER.evolve(state, new OrderDeleted(place.orderId(), later));
            }
            for (OrderCommand probe : everyKindOfCommand(place, later.plusSeconds(60))) {
                assertThat(DECIDER.decide(probe, state))
                        .as("%s on a deleted order", probe)
                        .isEqualTo(Decision.reject(new UnknownOrder(place.orderId())));
            }
        });
    }

    @Test
    void totals_shipped_values_and_cancelled_values_are_exact_after_any_sequence() {
        Property.check("money is exact", TRIES, SEQUENCES, SHORTER, commands -> {
            Run run = OrderGen.run(commands);
            for (OrderEvent event : run.events()) {
                switch (event) {
                    case OrderPlaced placed ->
                        assertThat(placed.total().minorUnits()).isEqualTo(totalOf(placed.lines()));
                    case OrderModified modified ->
                        assertThat(modified.total().minorUnits()).isEqualTo(totalOf(modified.lines()));
                    default -> {}
                }
            }
            for (Step step : run.steps()) {
                if (!(step.after() instanceof Existing after)) {
                    continue;
                }
                OrderFacts facts = after.facts();
                assertThat(facts.total().minorUnits()).isEqualTo(totalOf(facts.lines()));
                for (OrderLine line : facts.lines()) {
                    assertThat(facts.shippedOf(line.book()))
                            .isBetween(0, line.quantity().value());
                }
                for (OrderEvent event : step.decision().events()) {
                    switch (event) {
                        case ItemsShipped shipped ->
                            assertThat(shipped.value().minorUnits()).isEqualTo(valueOf(facts, shipped.lines()));
                        case OrderCompleted completed ->
                            assertThat(completed.cancelledValue().minorUnits())
                                    .isEqualTo(valueOf(facts, completed.cancelled()));
                        default -> {}
                    }
                }
            }
            // what shipped plus what was cancelled on completion is exactly what was ordered
            if (run.state() instanceof OrderState.Completed completed) {
                long shipped = run.events().stream()
                        .filter(ItemsShipped.class::isInstance)
                        .mapToLong(event -> ((ItemsShipped) event).value().minorUnits())
                        .sum();
                long cancelled = run.events().stream()
                        .filter(OrderCompleted.class::isInstance)
                        .mapToLong(event ->
                                ((OrderCompleted) event).cancelledValue().minorUnits())
                        .sum();
                assertThat(shipped + cancelled)
                        .isEqualTo(completed.facts().total().minorUnits());
            }
        });
    }

    @Test
    void the_generated_sequences_reach_every_stage_and_every_event_and_rejection() {
        var stages = new java.util.HashSet<String>();
        var outcomes = new java.util.HashSet<String>();
        Property.check("generator coverage (collecting)", TRIES, SEQUENCES, commands -> {
            for (Step step : OrderGen.run(commands).steps()) {
                stages.add(step.after().getClass().getSimpleName()
                        + (step.after() instanceof Existing e && e.facts().deleted() ? "+deleted" : ""));
                switch (step.decision()) {
                    case Decision.Accepted<OrderEvent, OrderRejection> accepted ->
                        accepted.events()
                                .forEach(event -> outcomes.add(event.getClass().getSimpleName()));
                    case Decision.Rejected<OrderEvent, OrderRejection> rejected ->
                        outcomes.add(rejected.reason().getClass().getSimpleName());
                }
            }
        });
        // a generator that never reached a stage would make every property above vacuous there
        assertThat(stages)
                .contains(
                        "Placed",
                        "Confirmed",
                        "PartiallyShipped",
                        "Shipped",
                        "Completed",
                        "Cancelled",
                        "Failed",
                        "Completed+deleted",
                        "Cancelled+deleted",
                        "Failed+deleted");
        assertThat(outcomes)
                .contains(
                        "OrderPlaced",
                        "OrderConfirmed",
                        "OrderFailed",
                        "OrderModified",
                        "ItemsShipped",
                        "OrderCompleted",
                        "OrderCancelled",
                        "OrderDeleted",
                        "AlreadyPlaced",
                        "UnknownOrder",
                        "NotAllowed",
                        "UnknownLine",
                        "ExceedsOpenQuantity",
                        "LastLine");
    }

    /** Σ quantity × unit price, recomputed in BigDecimal and converted to minor units independently of Money. */
    private static long totalOf(List<OrderLine> lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            total = total.add(line.unitPrice()
                    .toBigDecimal()
                    .multiply(BigDecimal.valueOf(line.quantity().value())));
        }
        return total.movePointRight(2).longValueExact();
    }

    private static long valueOf(OrderFacts facts, List<LineQuantity> quantities) {
        BigDecimal value = BigDecimal.ZERO;
        for (LineQuantity quantity : quantities) {
            Money price = facts.line(quantity.book()).orElseThrow().unitPrice();
            value = value.add(price.toBigDecimal()
                    .multiply(BigDecimal.valueOf(quantity.quantity().value())));
        }
        return value.movePointRight(2).longValueExact();
    }

    /** Drives any state to a finished one the shortest way: cancel before shipping, complete after. */
    private static OrderState finish(OrderState state, OrderId id, Instant at) {
        OrderCommand command = switch (state) {
            case OrderState.None none -> throw new AssertionError("the sequence starts with a placement");
            case OrderState.Placed placed -> new OrderCommand.FailOrder(id, FailureReason.OUT_OF_STOCK, at);
            case OrderState.Confirmed confirmed -> new OrderCommand.CancelOrder(id, CancelledBy.ADMIN, at);
            case OrderState.PartiallyShipped partial -> new OrderCommand.CompleteOrder(id, at);
            case OrderState.Shipped shipped -> new OrderCommand.CompleteOrder(id, at);
            case OrderState.Completed completed -> null;
            case OrderState.Cancelled cancelled -> null;
            case OrderState.Failed failed -> null;
        };
        return command == null
                ? state
                : DECIDER.fold(state, DECIDER.decide(command, state).events());
    }

    /** One command of every kind (every modification too), aimed at the order's own first book. */
    static List<OrderCommand> everyKindOfCommand(PlaceOrder place, Instant at) {
        OrderId id = place.orderId();
        OrderLine first = place.lines().getFirst();
        return List.of(
                new PlaceOrder(id, place.buyer(), place.shippingAddress(), place.lines(), at),
                new OrderCommand.ConfirmOrder(id, at),
                new OrderCommand.FailOrder(id, FailureReason.CHECKOUT_TIMED_OUT, at),
                new OrderCommand.ModifyOrder(id, new Modification.ChangeQuantity(first.book(), Quantity.of(1)), at),
                new OrderCommand.ModifyOrder(id, new Modification.RemoveLine(first.book()), at),
                new OrderCommand.ModifyOrder(
                        id,
                        new Modification.ChangeShippingAddress(
                                new org.bookworm.ordering.core.common.Address("9 Elsewhere Rd", "Nowhere", "NW")),
                        at),
                new OrderCommand.ShipItems(id, List.of(new LineQuantity(first.book(), Quantity.of(1))), at),
                new OrderCommand.ShipRemaining(id, at),
                new OrderCommand.CompleteOrder(id, at),
                new OrderCommand.CancelOrder(id, CancelledBy.BUYER, at),
                new OrderCommand.DeleteOrder(id, at));
    }
}

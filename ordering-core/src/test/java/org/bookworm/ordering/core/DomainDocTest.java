package org.bookworm.ordering.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.OrderSamples.ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.LINES;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.OTHER_ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.T1;
import static org.bookworm.ordering.core.testing.OrderSamples.T9;
import static org.bookworm.ordering.core.testing.OrderSamples.qty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.BuyerCommand;
import org.bookworm.ordering.core.ordering.BuyerDecider;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerRejection;
import org.bookworm.ordering.core.ordering.BuyerState;
import org.bookworm.ordering.core.ordering.CancelledBy;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderCommand;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderState;
import org.bookworm.ordering.core.testing.OrderSamples;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/domain.md} tells the truth: its commands × states tables are parsed and every cell is checked against
 * the real decider, with a representative state per column and a representative command per row. A wrong cell, a
 * missing row or a missing column fails.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DomainDocTest {
    // Maven runs the tests with the module directory as working directory
    private static final Path DOC = Path.of("..", "docs", "domain.md");

    /** A markdown table: the header cells after the first, and each row's first cell with its other cells. */
    record Table(List<String> columns, Map<String, List<String>> rows) {}

    static Table table(List<String> lines, String firstHeaderCell) {
        for (int at = 0; at < lines.size(); at++) {
            List<String> header = cells(lines.get(at));
            if (!header.isEmpty() && header.getFirst().equals(firstHeaderCell)) {
                var rows = new LinkedHashMap<String, List<String>>();
                for (int row = at + 2;
                        row < lines.size() && lines.get(row).strip().startsWith("|");
                        row++) {
                    List<String> cells = cells(lines.get(row));
                    assertThat(cells)
                            .as("row %s has one cell per column", cells)
                            .hasSameSizeAs(header);
                    assertThat(rows.put(cells.getFirst(), cells.subList(1, cells.size())))
                            .as("row %s appears once", cells.getFirst())
                            .isNull();
                }
                return new Table(header.subList(1, header.size()), rows);
            }
        }
        throw new AssertionError("docs/domain.md has no table headed '" + firstHeaderCell + "'");
    }

    private static List<String> cells(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("|") || !trimmed.endsWith("|")) {
            return List.of();
        }
        return Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split("\\|"))
                .map(cell -> cell.replace("`", "").strip())
                .toList();
    }

    private static List<String> doc() throws IOException {
        assertThat(DOC).as("docs/domain.md seen from the ordering-core module").exists();
        return Files.readAllLines(DOC, StandardCharsets.UTF_8);
    }

    /** What a decision looks like in a cell: the first event's name, the rejection's name, or "no event". */
    static <E, R> String cellOf(Decision<E, R> decision) {
        return switch (decision) {
            case Decision.Accepted<E, R> accepted ->
                accepted.events().isEmpty()
                        ? "no event"
                        : accepted.events().getFirst().getClass().getSimpleName();
            case Decision.Rejected<E, R> rejected ->
                rejected.reason().getClass().getSimpleName();
        };
    }

    static <C, S> void checkEveryCell(
            Table table, Map<String, S> states, Map<String, C> commands, BiFunction<C, S, String> decide, String what) {
        assertThat(table.columns()).as("the %s table's states", what).containsExactlyElementsOf(states.keySet());
        assertThat(table.rows().keySet())
                .as("the %s table's commands", what)
                .containsExactlyInAnyOrderElementsOf(commands.keySet());
        var wrong = new ArrayList<String>();
        table.rows().forEach((command, cells) -> {
            for (int column = 0; column < cells.size(); column++) {
                String state = table.columns().get(column);
                String actual = decide.apply(commands.get(command), states.get(state));
                if (!cells.get(column).equals(actual)) {
                    wrong.add(command + " in " + state + ": the doc says " + cells.get(column) + ", the decider "
                            + actual);
                }
            }
        });
        assertThat(wrong)
                .as("cells of the %s table that the decider contradicts", what)
                .isEmpty();
    }

    @Test
    void every_cell_of_the_order_table_is_what_the_decider_does() throws IOException {
        var decider = new OrderDecider();
        var states = new LinkedHashMap<String, OrderState>();
        states.put("None", decider.fold(OrderSamples.NONE));
        states.put("Placed", decider.fold(OrderSamples.PLACED_ORDER));
        states.put("Confirmed", decider.fold(OrderSamples.CONFIRMED_ORDER));
        states.put("PartiallyShipped", decider.fold(OrderSamples.PARTIALLY_SHIPPED_ORDER));
        states.put("Shipped", decider.fold(OrderSamples.SHIPPED_ORDER));
        states.put("Completed", decider.fold(OrderSamples.COMPLETED_ORDER));
        states.put("Cancelled", decider.fold(OrderSamples.CANCELLED_ORDER));
        states.put("Failed", decider.fold(OrderSamples.FAILED_ORDER));
        states.put("Deleted", decider.fold(OrderSamples.DELETED_ORDER));
        // the representative states are the decider's own stages: a new stage needs a new column
        assertThat(states.values().stream()
                        .map(state -> state.getClass().getSimpleName())
                        .distinct())
                .containsExactlyInAnyOrderElementsOf(recordsOf(OrderState.class));

        var commands = new LinkedHashMap<String, OrderCommand>();
        for (OrderCommand command : List.of(
                new OrderCommand.PlaceOrder(ORDER, BUYER, ADDRESS, LINES, T9),
                new OrderCommand.ConfirmOrder(ORDER, T9),
                new OrderCommand.FailOrder(ORDER, FailureReason.OUT_OF_STOCK, T9),
                new OrderCommand.ModifyOrder(ORDER, new Modification.ChangeShippingAddress(OTHER_ADDRESS), T9),
                new OrderCommand.ShipItems(ORDER, List.of(qty(DUNE_ID, 1)), T9),
                new OrderCommand.ShipRemaining(ORDER, T9),
                new OrderCommand.CompleteOrder(ORDER, T9),
                new OrderCommand.CancelOrder(ORDER, CancelledBy.BUYER, T9),
                new OrderCommand.DeleteOrder(ORDER, T9))) {
            commands.put(command.getClass().getSimpleName(), command);
        }
        assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(recordsOf(OrderCommand.class));

        checkEveryCell(
                table(doc(), "Order command"),
                states,
                commands,
                (command, state) -> cellOf(decider.decide(command, state)),
                "order");
    }

    @Test
    void every_cell_of_the_buyer_table_is_what_the_decider_does() throws IOException {
        var decider = new BuyerDecider();
        var name = new PersonName("Ada Lovelace");
        var email = new EmailAddress("ada@example.org");
        var created = new BuyerEvent.BuyerCreated(BUYER_ID, name, email, ADDRESS, T0);
        var states = new LinkedHashMap<String, BuyerState>();
        states.put("None", decider.fold(List.of()));
        states.put("Active", decider.fold(List.of(created)));
        states.put("Deleted", decider.fold(List.of(created, new BuyerEvent.BuyerDeleted(BUYER_ID, T1))));
        assertThat(states.values().stream().map(state -> state.getClass().getSimpleName()))
                .containsExactlyInAnyOrderElementsOf(recordsOf(BuyerState.class));

        var commands = new LinkedHashMap<String, BuyerCommand>();
        for (BuyerCommand command : List.of(
                new BuyerCommand.CreateBuyer(BUYER_ID, name, email, ADDRESS, T9),
                new BuyerCommand.UpdateBuyerAddress(BUYER_ID, OTHER_ADDRESS, T9),
                new BuyerCommand.DeleteBuyer(BUYER_ID, T9))) {
            commands.put(command.getClass().getSimpleName(), command);
        }
        assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(recordsOf(BuyerCommand.class));

        checkEveryCell(
                table(doc(), "Buyer command"),
                states,
                commands,
                (command, state) -> cellOf(decider.decide(command, state)),
                "buyer");
    }

    @Test
    void every_rejection_is_documented_with_its_message() throws IOException {
        String doc = String.join("\n", doc());
        var rejections = new ArrayList<String>();
        rejections.addAll(recordsOf(OrderRejection.class));
        rejections.addAll(recordsOf(BuyerRejection.class));
        assertThat(rejections)
                .isNotEmpty()
                .allSatisfy(rejection -> assertThat(doc).contains("| `" + rejection + "` |"));
    }

    @Test
    void a_wrong_cell_or_a_missing_row_is_caught() {
        var decider = new OrderDecider();
        var states = new LinkedHashMap<String, OrderState>();
        states.put("Placed", decider.fold(OrderSamples.PLACED_ORDER));
        var commands = new LinkedHashMap<String, OrderCommand>();
        commands.put("ConfirmOrder", new OrderCommand.ConfirmOrder(ORDER, T9));
        commands.put("CancelOrder", new OrderCommand.CancelOrder(ORDER, CancelledBy.BUYER, T9));
        BiFunction<OrderCommand, OrderState, String> decide =
                (command, state) -> cellOf(decider.decide(command, state));

        var wrongCell = List.of(
                "| Order command | Placed |",
                "|---|---|",
                "| ConfirmOrder | `NotAllowed` |",
                "| CancelOrder | `OrderCancelled` |");
        var missingRow = List.of("| Order command | Placed |", "|---|---|", "| ConfirmOrder | `OrderConfirmed` |");
        var right = List.of(
                "| Order command | Placed |",
                "|---|---|",
                "| ConfirmOrder | `OrderConfirmed` |",
                "| CancelOrder | `OrderCancelled` |");

        checkEveryCell(table(right, "Order command"), states, commands, decide, "sample");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> checkEveryCell(table(wrongCell, "Order command"), states, commands, decide, "sample"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ConfirmOrder in Placed");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> checkEveryCell(table(missingRow, "Order command"), states, commands, decide, "sample"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("commands");
    }

    /** The simple names of the records of a sealed family, through nested sealed interfaces. */
    static List<String> recordsOf(Class<?> family) {
        return Stream.of(family.getPermittedSubclasses())
                .flatMap(type -> type.isInterface() ? recordsOf(type).stream() : Stream.of(type.getSimpleName()))
                .distinct()
                .toList();
    }
}

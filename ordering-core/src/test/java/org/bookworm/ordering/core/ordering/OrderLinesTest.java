package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.OrderSamples.ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.book;
import static org.bookworm.ordering.core.testing.OrderSamples.qty;
import static org.bookworm.ordering.core.testing.OrderSamples.usd;

import java.util.List;
import java.util.stream.IntStream;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The rules every list of order lines obeys, checked when a command is built, before any decider sees it. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderLinesTest {

    private static List<OrderLine> lines(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new OrderLine(book(n), new BookTitle("Book " + n), Quantity.of(99), usd("999.99")))
                .toList();
    }

    @Test
    void a_hundred_lines_of_ninety_nine_at_the_top_price_are_an_order() {
        var hundred = lines(100);
        assertThat(OrderLines.validate(hundred)).hasSize(100);
        assertThat(OrderLines.total(hundred)).isEqualTo(usd("9899901.00"));
        assertThat(new OrderCommand.PlaceOrder(ORDER, BUYER, ADDRESS, hundred, T0).lines())
                .hasSize(100);
    }

    @Test
    void a_hundred_and_one_lines_are_refused() {
        assertThatThrownBy(() -> OrderLines.validate(lines(101)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an order has at most 100 lines, not 101");
        assertThatThrownBy(() -> new OrderCommand.PlaceOrder(ORDER, BUYER, ADDRESS, lines(101), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_book_on_two_lines_is_refused() {
        var again = new OrderLine(DUNE_ID, new BookTitle("Dune (again)"), Quantity.of(1), usd("1.00"));
        assertThatThrownBy(() -> OrderLines.validate(List.of(DUNE, again)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("book " + DUNE_ID + " appears on two lines");
    }

    @Test
    void lines_in_two_currencies_are_refused() {
        var euros = new OrderLine(book(7), new BookTitle("Candide"), Quantity.of(1), Money.of("9.00", "EUR"));
        assertThatThrownBy(() -> OrderLines.validate(List.of(DUNE, euros)))
                .isInstanceOf(Money.InvalidMoney.class)
                .hasMessage("an order is priced in one currency");
    }

    @Test
    void a_total_above_the_money_ceiling_is_refused_when_the_command_is_built() {
        var dear = new OrderLine(book(1), new BookTitle("Codex"), Quantity.of(1), usd("6000000"));
        var dearer = new OrderLine(book(2), new BookTitle("Codex II"), Quantity.of(1), usd("6000000"));
        assertThatThrownBy(() -> new OrderCommand.PlaceOrder(ORDER, BUYER, ADDRESS, List.of(dear, dearer), T0))
                .isInstanceOf(Money.InvalidMoney.class);
    }

    @Test
    void no_lines_pass_validation_and_are_left_to_the_decider_as_an_empty_order() {
        assertThat(OrderLines.validate(List.of())).isEmpty();
    }

    @Test
    void a_shipment_names_each_book_once_and_is_never_empty() {
        assertThatThrownBy(() -> new OrderCommand.ShipItems(ORDER, List.of(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a shipment needs at least one line");
        assertThatThrownBy(() -> new OrderCommand.ShipItems(ORDER, List.of(qty(DUNE_ID, 1), qty(DUNE_ID, 1)), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names book " + DUNE_ID + " twice");
    }
}

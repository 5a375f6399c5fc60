package org.bookworm.ordering.core.ordering;

import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import org.bookworm.ordering.core.common.Money;

/** The rules every list of order lines obeys: at most 100 lines, one line per book, one currency, exact total. */
public final class OrderLines {
    public static final int MAX_LINES = 100;

    private OrderLines() {}

    /** Validates and copies; an empty list passes here and is refused by the decider as {@code EmptyOrder}. */
    static List<OrderLine> validate(List<OrderLine> lines) {
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("an order has at most " + MAX_LINES + " lines, not " + lines.size());
        }
        var books = new HashSet<>();
        Currency currency = lines.isEmpty() ? null : lines.get(0).unitPrice().currency();
        for (OrderLine line : lines) {
            if (!books.add(line.book())) {
                throw new IllegalArgumentException("book " + line.book() + " appears on two lines");
            }
            if (!line.unitPrice().currency().equals(currency)) {
                throw new Money.InvalidMoney("an order is priced in one currency");
            }
        }
        if (!lines.isEmpty()) {
            total(lines); // refuses an overflowing total at construction
        }
        return List.copyOf(lines);
    }

    public static Money total(List<OrderLine> lines) {
        Currency currency = lines.get(0).unitPrice().currency();
        return Money.sum(lines.stream().map(OrderLine::lineTotal).toList(), currency);
    }
}

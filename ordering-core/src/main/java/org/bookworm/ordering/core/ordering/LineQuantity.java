package org.bookworm.ordering.core.ordering;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.common.Quantity;

/** A quantity of one book of an order: what a shipment carries, or what was cancelled of a line. */
@Published
public record LineQuantity(BookId book, Quantity quantity) {
    public LineQuantity {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(quantity, "quantity");
    }

    /** The books and quantities of {@code lines}, in their order: what a reservation or a shipment counts. */
    public static List<LineQuantity> of(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> new LineQuantity(line.book(), line.quantity()))
                .toList();
    }

    /** A list of line quantities names each book at most once and is never empty. */
    public static List<LineQuantity> requireDistinct(List<LineQuantity> lines, String what) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one line");
        }
        var seen = new HashSet<BookId>();
        for (LineQuantity line : lines) {
            if (!seen.add(line.book())) {
                throw new IllegalArgumentException(what + " names book " + line.book() + " twice");
            }
        }
        return List.copyOf(lines);
    }
}

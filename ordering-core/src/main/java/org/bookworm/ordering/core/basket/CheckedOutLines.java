package org.bookworm.ordering.core.basket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;

/**
 * A working copy of a basket's lines and of the copies its checkout holds, for {@link BasketDecider#evolve}. The
 * rule it keeps: the checkout holds the first copies of a line, never more than the line has. Adding puts copies on
 * top; lowering a line below what is held gives the difference up for good, and removing it gives all of it up; a
 * replacement is a set of every line (a line it leaves out is removed). So a line lowered to 1 and raised to 4 again
 * keeps 3 after the clearing, and a line removed and added again keeps all it was given.
 */
final class CheckedOutLines {
    private final Map<BookId, Integer> lines = new LinkedHashMap<>();
    private final Map<BookId, Integer> held = new LinkedHashMap<>();

    CheckedOutLines(List<BasketItem> items, List<BasketItem> heldCopies) {
        items.forEach(item -> lines.put(item.book(), item.quantity().value()));
        heldCopies.forEach(item -> held.put(item.book(), item.quantity().value()));
    }

    void add(BookId book, int copies) {
        lines.merge(book, copies, Integer::sum);
    }

    void set(BookId book, int copies) {
        lines.put(book, copies);
        held.computeIfPresent(book, (line, holding) -> Math.min(holding, copies));
    }

    void remove(BookId book) {
        lines.remove(book);
        held.remove(book);
    }

    void replace(List<BasketItem> items) {
        lines.clear();
        items.forEach(item -> lines.put(item.book(), item.quantity().value()));
        held.replaceAll((book, holding) -> Math.min(holding, lines.getOrDefault(book, 0)));
        held.values().removeIf(holding -> holding == 0);
    }

    void holdAll() {
        held.clear();
        held.putAll(lines);
    }

    void holdNone() {
        held.clear();
    }

    /** Takes out of each line the checked-out copies it still holds, at most {@code checkedOut}'s, and holds none. */
    void takeHeld(List<BasketItem> checkedOut) {
        for (BasketItem taken : checkedOut) {
            int copies = Math.min(taken.quantity().value(), held.getOrDefault(taken.book(), 0));
            lines.computeIfPresent(taken.book(), (book, now) -> now - copies > 0 ? now - copies : null);
        }
        holdNone();
    }

    List<BasketItem> items() {
        return asItems(lines);
    }

    List<BasketItem> held() {
        return asItems(held);
    }

    private static List<BasketItem> asItems(Map<BookId, Integer> copies) {
        var items = new ArrayList<BasketItem>(copies.size());
        copies.forEach((book, count) -> items.add(new BasketItem(book, Quantity.of(count))));
        return items;
    }
}

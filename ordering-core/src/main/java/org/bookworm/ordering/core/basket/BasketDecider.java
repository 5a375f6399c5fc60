package org.bookworm.ordering.core.basket;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.acceptAll;
import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.basket.BasketCommand.AddCopies;
import org.bookworm.ordering.core.basket.BasketCommand.ClearCheckedOut;
import org.bookworm.ordering.core.basket.BasketCommand.DeleteBasket;
import org.bookworm.ordering.core.basket.BasketCommand.MarkCheckedOut;
import org.bookworm.ordering.core.basket.BasketCommand.ReleaseCheckout;
import org.bookworm.ordering.core.basket.BasketCommand.RemoveLine;
import org.bookworm.ordering.core.basket.BasketCommand.ReplaceAll;
import org.bookworm.ordering.core.basket.BasketCommand.SetQuantity;
import org.bookworm.ordering.core.basket.BasketEvent.BasketCheckedOut;
import org.bookworm.ordering.core.basket.BasketEvent.BasketDeleted;
import org.bookworm.ordering.core.basket.BasketEvent.CheckedOutItemsCleared;
import org.bookworm.ordering.core.basket.BasketEvent.CheckoutReleased;
import org.bookworm.ordering.core.basket.BasketEvent.CopiesAdded;
import org.bookworm.ordering.core.basket.BasketEvent.ItemsReplaced;
import org.bookworm.ordering.core.basket.BasketEvent.LineRemoved;
import org.bookworm.ordering.core.basket.BasketEvent.QuantitySet;
import org.bookworm.ordering.core.basket.BasketRejection.BookListedTwice;
import org.bookworm.ordering.core.basket.BasketRejection.CheckedOutByAnotherOrder;
import org.bookworm.ordering.core.basket.BasketRejection.NotInBasket;
import org.bookworm.ordering.core.basket.BasketRejection.TooManyBooks;
import org.bookworm.ordering.core.basket.BasketRejection.TooManyCopies;
import org.bookworm.ordering.core.basket.BasketState.Empty;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a buyer's basket, the one definition every {@link BasketStore} follows: at most 99 copies of a book
 * and 100 different books; setting or removing a line the basket does not have is refused; a refused update changes
 * nothing. One order's checkout at a time holds the basket:
 * marking it again for the same order is fine, another order is refused; releasing or clearing with another order's
 * id changes nothing. Clearing after a confirmed checkout removes exactly the checked-out quantities, so copies added
 * meanwhile stay. A command that would change nothing is accepted with no events. A basket never ends: it has no
 * terminal state.
 */
public final class BasketDecider implements Decider<BasketCommand, BasketState, BasketEvent, BasketRejection> {

    @Override
    public BasketState initialState() {
        return new Empty();
    }

    @Override
    public boolean isTerminal(BasketState state) {
        return false;
    }

    @Override
    public Decision<BasketEvent, BasketRejection> decide(BasketCommand command, BasketState state) {
        List<BasketItem> items = state.items();
        @Nullable OrderId holder = state.checkedOutBy();
        return switch (command) {
            case AddCopies c -> add(c, items);
            case SetQuantity c when !has(items, c.book()) -> reject(new NotInBasket(c.buyer(), c.book()));
            case SetQuantity c when quantityOf(items, c.book()) == c.quantity().value() -> nothing();
            case SetQuantity c -> accept(new QuantitySet(c.buyer(), c.book(), c.quantity()));
            case RemoveLine c when !has(items, c.book()) -> reject(new NotInBasket(c.buyer(), c.book()));
            case RemoveLine c -> accept(new LineRemoved(c.buyer(), c.book()));
            case ReplaceAll c -> replace(c, items);
            case DeleteBasket c when state instanceof Empty -> nothing();
            case DeleteBasket c -> accept(new BasketDeleted(c.buyer()));
            case MarkCheckedOut c when holder == null -> accept(new BasketCheckedOut(c.buyer(), c.order()));
            // a retried checkout of the same order finds its own mark: already done
            case MarkCheckedOut c when holder.equals(c.order()) -> nothing();
            case MarkCheckedOut c -> reject(new CheckedOutByAnotherOrder(c.buyer(), holder, c.order()));
            case ReleaseCheckout c when c.order().equals(holder) -> accept(new CheckoutReleased(c.buyer(), c.order()));
            // another order's mark is not ours to lift; a released mark is released
            case ReleaseCheckout c -> nothing();
            case ClearCheckedOut c
            when c.order().equals(holder) -> accept(new CheckedOutItemsCleared(c.buyer(), c.order(), c.checkedOut()));
            // cleared before (a redelivered confirmation), or never this order's: clearing twice must not eat new items
            case ClearCheckedOut c -> nothing();
        };
    }

    @Override
    public BasketState evolve(BasketState state, BasketEvent event) {
        var lines = new CheckedOutLines(state.items(), state.held());
        @Nullable OrderId holder = state.checkedOutBy();
        switch (event) {
            case CopiesAdded e -> lines.add(e.book(), e.quantity().value()); // on top of what the checkout holds
            case QuantitySet e -> lines.set(e.book(), e.quantity().value());
            case LineRemoved e -> lines.remove(e.book());
            case ItemsReplaced e -> lines.replace(e.items());
            case BasketDeleted e -> {
                lines.replace(List.of());
                holder = null;
            }
            case BasketCheckedOut e -> {
                if (holder != null) {
                    throw new IllegalStateException("basket already checked out by " + holder + ": " + e);
                }
                holder = e.order();
                lines.holdAll();
            }
            case CheckoutReleased e -> {
                holder = lift(holder, e.order(), e);
                lines.holdNone();
            }
            case CheckedOutItemsCleared e -> {
                holder = lift(holder, e.order(), e);
                lines.takeHeld(e.checkedOut());
            }
        }
        if (lines.items().size() > Basket.MAX_ITEMS) {
            throw new IllegalStateException(
                    "a basket cannot hold " + lines.items().size() + " books: " + event);
        }
        return BasketState.of(lines.items(), holder, lines.held());
    }

    private static Decision<BasketEvent, BasketRejection> add(AddCopies command, List<BasketItem> items) {
        int now = quantityOf(items, command.book());
        if (now + command.quantity().value() > Quantity.MAX) {
            return reject(new TooManyCopies(
                    command.buyer(), command.book(), now, command.quantity().value()));
        }
        if (now == 0 && items.size() >= Basket.MAX_ITEMS) {
            return reject(new TooManyBooks(command.buyer()));
        }
        return accept(new CopiesAdded(command.buyer(), command.book(), command.quantity()));
    }

    private static Decision<BasketEvent, BasketRejection> replace(ReplaceAll command, List<BasketItem> items) {
        if (command.items().size() > Basket.MAX_ITEMS) {
            return reject(new TooManyBooks(command.buyer()));
        }
        var books = new HashSet<BookId>();
        for (BasketItem item : command.items()) {
            if (!books.add(item.book())) {
                return reject(new BookListedTwice(command.buyer(), item.book()));
            }
        }
        if (command.items().equals(items)) {
            return nothing();
        }
        return accept(new ItemsReplaced(command.buyer(), command.items()));
    }

    private static @Nullable OrderId lift(@Nullable OrderId holder, OrderId order, BasketEvent event) {
        if (!order.equals(holder)) {
            throw new IllegalStateException("the basket is not checked out by " + order + ": " + event);
        }
        return null;
    }

    private static Decision<BasketEvent, BasketRejection> nothing() {
        return acceptAll(List.of());
    }

    private static boolean has(List<BasketItem> items, BookId book) {
        return items.stream().anyMatch(item -> item.book().equals(book));
    }

    /** Copies of the book in the basket; 0 when it has no line. */
    static int quantityOf(List<BasketItem> items, BookId book) {
        return items.stream()
                .filter(item -> Objects.equals(item.book(), book))
                .mapToInt(item -> item.quantity().value())
                .sum();
    }
}

package org.bookworm.ordering.core.inmemory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketCommand;
import org.bookworm.ordering.core.basket.BasketDecider;
import org.bookworm.ordering.core.basket.BasketEvent;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketLimitExceeded;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketState;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.decider.Decision;
import org.bookworm.ordering.core.order.OrderId;

/**
 * Baskets in a map; every operation holds one lock, so updates are atomic and caps hold under concurrency. The rules
 * are {@link BasketDecider}'s: each update folds the stored basket into its state, decides and applies the events.
 */
public final class InMemoryBasketStore implements BasketStore {
    private static final BasketDecider DECIDER = new BasketDecider();

    /** Only baskets that hold something: an empty one without a mark is the same as none. */
    private final Map<BuyerId, BasketState> baskets = new HashMap<>();

    @Override
    public synchronized Basket get(BuyerId buyer) {
        return state(buyer).toBasket(buyer);
    }

    private BasketState state(BuyerId buyer) {
        return baskets.getOrDefault(buyer, new BasketState.Empty());
    }

    @Override
    public synchronized Basket add(BuyerId buyer, BookId book, Quantity quantity) {
        return orThrow(run(new BasketCommand.AddCopies(buyer, book, quantity)));
    }

    @Override
    public synchronized Basket set(BuyerId buyer, BookId book, Quantity quantity) {
        return orThrow(run(new BasketCommand.SetQuantity(buyer, book, quantity)));
    }

    @Override
    public synchronized Basket remove(BuyerId buyer, BookId book) {
        return orThrow(run(new BasketCommand.RemoveLine(buyer, book)));
    }

    @Override
    public synchronized Basket replace(BuyerId buyer, List<BasketItem> items) {
        return orThrow(run(new BasketCommand.ReplaceAll(buyer, items)));
    }

    @Override
    public synchronized void delete(BuyerId buyer) {
        orThrow(run(new BasketCommand.DeleteBasket(buyer)));
    }

    @Override
    public synchronized boolean markCheckedOut(BuyerId buyer, OrderId order) {
        return run(new BasketCommand.MarkCheckedOut(buyer, order)) instanceof Outcome.Done;
    }

    @Override
    public synchronized void releaseCheckout(BuyerId buyer, OrderId order) {
        orThrow(run(new BasketCommand.ReleaseCheckout(buyer, order)));
    }

    @Override
    public synchronized Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        return orThrow(run(new BasketCommand.ClearCheckedOut(buyer, order, checkedOut)));
    }

    /** The basket after the command, or why it was refused (the basket unchanged). */
    private sealed interface Outcome {
        record Done(Basket basket) implements Outcome {}

        record Refused(BasketRejection reason) implements Outcome {}
    }

    private Outcome run(BasketCommand command) {
        BuyerId buyer = command.buyer();
        BasketState state = state(buyer);
        return switch (DECIDER.decide(command, state)) {
            case Decision.Rejected<?, BasketRejection> rejected -> new Outcome.Refused(rejected.reason());
            case Decision.Accepted<BasketEvent, ?> accepted ->
                new Outcome.Done(store(buyer, DECIDER.fold(state, accepted.events())));
        };
    }

    private static Basket orThrow(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Done done -> done.basket();
            case Outcome.Refused(BasketRejection.BookListedTwice twice) ->
                throw new IllegalArgumentException(twice.message());
            case Outcome.Refused(BasketRejection.CheckedOutByAnotherOrder held) ->
                throw new IllegalStateException(held.message());
            case Outcome.Refused refused ->
                throw new BasketLimitExceeded(refused.reason().message());
        };
    }

    private Basket store(BuyerId buyer, BasketState state) {
        if (state instanceof BasketState.Empty) {
            baskets.remove(buyer);
        } else {
            baskets.put(buyer, state);
        }
        return state.toBasket(buyer);
    }
}

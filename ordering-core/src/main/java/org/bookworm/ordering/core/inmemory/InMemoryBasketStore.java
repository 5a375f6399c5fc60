package org.bookworm.ordering.core.inmemory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketCommand;
import org.bookworm.ordering.core.basket.BasketDecider;
import org.bookworm.ordering.core.basket.BasketEvent;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketRequest;
import org.bookworm.ordering.core.basket.BasketState;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Baskets in a map; every operation holds one lock, so updates are atomic and caps hold under concurrency. The rules
 * are {@link BasketDecider}'s: each update folds the stored basket into its state, decides and applies the events.
 * Each basket remembers the answers of its last {@value BasketStore#REMEMBERED_REQUESTS} request ids under the same
 * lock (for as long as the process lives: there is no expiry in memory).
 */
public final class InMemoryBasketStore implements BasketStore {
    private static final BasketDecider DECIDER = new BasketDecider();

    /** Only baskets that hold something: an empty one without a mark is the same as none. */
    private final Map<BuyerId, BasketState> baskets = new HashMap<>();

    private final Map<BuyerId, Map<String, Remembered>> requests = new HashMap<>();

    private record Remembered(String hash, BasketAnswer<Basket> answer) {}

    @Override
    public synchronized Basket get(BuyerId buyer) {
        return state(buyer).toBasket(buyer);
    }

    @Override
    public synchronized BasketAnswer<Basket> add(
            BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
        return once(request, new BasketCommand.AddCopies(buyer, book, quantity));
    }

    @Override
    public synchronized BasketAnswer<Basket> set(
            BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
        return once(request, new BasketCommand.SetQuantity(buyer, book, quantity));
    }

    @Override
    public synchronized BasketAnswer<Basket> remove(BuyerId buyer, BookId book, @Nullable BasketRequest request) {
        return once(request, new BasketCommand.RemoveLine(buyer, book));
    }

    @Override
    public synchronized BasketAnswer<Basket> replace(
            BuyerId buyer, List<BasketItem> items, @Nullable BasketRequest request) {
        return once(request, new BasketCommand.ReplaceAll(buyer, items));
    }

    @Override
    public synchronized BasketAnswer<Basket> delete(BuyerId buyer, @Nullable BasketRequest request) {
        return once(request, new BasketCommand.DeleteBasket(buyer));
    }

    @Override
    public synchronized boolean markCheckedOut(BuyerId buyer, OrderId order) {
        return run(new BasketCommand.MarkCheckedOut(buyer, order)) instanceof BasketAnswer.Done;
    }

    @Override
    public synchronized void releaseCheckout(BuyerId buyer, OrderId order) {
        run(new BasketCommand.ReleaseCheckout(buyer, order)).orElseThrow();
    }

    @Override
    public synchronized Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        return run(new BasketCommand.ClearCheckedOut(buyer, order, checkedOut)).orElseThrow();
    }

    /** Runs the command once per request id: a retry gets the first answer, another request under the id none. */
    private BasketAnswer<Basket> once(@Nullable BasketRequest request, BasketCommand command) {
        if (request == null) {
            return run(command);
        }
        Map<String, Remembered> answers = requests.computeIfAbsent(command.buyer(), buyer -> recentFirst());
        Remembered before = answers.get(request.id());
        if (before != null) {
            return before.hash().equals(request.hash())
                    ? before.answer()
                    : new BasketAnswer.RequestReused<>(request.id());
        }
        BasketAnswer<Basket> answer = run(command);
        answers.put(request.id(), new Remembered(request.hash(), answer));
        return answer;
    }

    private static Map<String, Remembered> recentFirst() {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > REMEMBERED_REQUESTS;
            }
        };
    }

    private BasketAnswer<Basket> run(BasketCommand command) {
        BuyerId buyer = command.buyer();
        BasketState state = state(buyer);
        return switch (DECIDER.decide(command, state)) {
            case Decision.Rejected<?, BasketRejection> rejected -> new BasketAnswer.Refused<>(rejected.reason());
            case Decision.Accepted<BasketEvent, ?> accepted ->
                new BasketAnswer.Done<>(store(buyer, DECIDER.fold(state, accepted.events())));
        };
    }

    private BasketState state(BuyerId buyer) {
        return baskets.getOrDefault(buyer, new BasketState.Empty());
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

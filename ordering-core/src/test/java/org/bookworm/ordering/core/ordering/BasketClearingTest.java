package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.Shop.ALICE;
import static org.bookworm.ordering.core.testing.Shop.DUNE;
import static org.bookworm.ordering.core.testing.Shop.EMMA;
import static org.bookworm.ordering.core.testing.Shop.alice;

import java.util.List;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The basket-clearing follower: what it takes out of the basket once an order is confirmed. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketClearingTest {
    private final Shop shop = new Shop();
    private final InMemoryBasketStore baskets = new InMemoryBasketStore();

    @Test
    void an_order_modified_before_the_clearing_ran_still_clears_the_lines_it_was_checked_out_with() {
        OrderId order = shop.confirmedByAlice(); // three Dune and one Emma
        baskets.replace(ALICE, List.of(item(DUNE, 3), item(EMMA, 1)), null);
        baskets.markCheckedOut(ALICE, order);
        baskets.add(ALICE, DUNE, Quantity.of(1), null); // added meanwhile: it must survive
        var lowered =
                shop.ordering.orders.modify(alice, null, order, new Modification.ChangeQuantity(DUNE, Quantity.of(1)));
        assertThat(lowered.isDone()).isTrue();

        OrderFollowUpReactor.basketClearing(shop.ordering.orders, baskets).handle(confirmation(order));

        assertThat(baskets.get(ALICE).items()).containsExactly(item(DUNE, 1));
        assertThat(baskets.get(ALICE).checkedOutBy()).isNull();
    }

    @Test
    void a_redelivered_confirmation_clears_nothing_more() {
        OrderId order = shop.confirmedByAlice();
        baskets.replace(ALICE, List.of(item(DUNE, 3), item(EMMA, 1)), null);
        baskets.markCheckedOut(ALICE, order);
        var clearing = OrderFollowUpReactor.basketClearing(shop.ordering.orders, baskets);
        clearing.handle(confirmation(order));
        baskets.add(ALICE, DUNE, Quantity.of(2), null);

        clearing.handle(confirmation(order));

        assertThat(baskets.get(ALICE).items()).containsExactly(item(DUNE, 2));
    }

    private RecordedEvent confirmation(OrderId order) {
        return shop.history(order).stream()
                .filter(recorded -> recorded.event() instanceof OrderEvent.OrderConfirmed)
                .findFirst()
                .orElseThrow();
    }

    private static BasketItem item(BookId book, int copies) {
        return new BasketItem(book, Quantity.of(copies));
    }
}

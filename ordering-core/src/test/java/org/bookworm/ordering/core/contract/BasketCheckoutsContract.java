package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link BasketCheckouts} promises to checkout. A subclass hands out fresh, empty baskets: the store the
 * buyer fills ({@link Baskets#store}) and the port under test ({@link Baskets#checkouts}), the same object when the
 * store is the implementation, a client of the store when the port crosses a process boundary.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class BasketCheckoutsContract {
    private static final BuyerId ANNA = new BuyerId(UUID.randomUUID());
    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final BookId EMMA = new BookId(UUID.randomUUID());
    private static final OrderId FIRST = new OrderId(UUID.randomUUID());
    private static final OrderId SECOND = new OrderId(UUID.randomUUID());

    /** The buyer's side (a store) and checkout's side (the port under test) of the same baskets. */
    public record Baskets(BasketStore store, BasketCheckouts checkouts) {}

    /** Fresh and empty; creating or cleaning it is the implementation's job. */
    protected abstract Baskets emptyBaskets();

    private BasketStore store;
    private BasketCheckouts checkouts;

    @BeforeEach
    final void createBaskets() {
        var baskets = emptyBaskets();
        store = baskets.store();
        checkouts = baskets.checkouts();
    }

    private String impl() {
        return checkouts.getClass().getSimpleName();
    }

    private static BasketItem item(BookId book, int copies) {
        return new BasketItem(book, Quantity.of(copies));
    }

    private void fill(BasketItem... items) {
        store.replace(ANNA, List.of(items), null);
    }

    @Test
    void a_buyer_without_a_basket_has_an_empty_one_that_no_checkout_holds() {
        assertThat(checkouts.get(ANNA)).as(impl()).isEqualTo(Basket.empty(ANNA));
    }

    @Test
    void the_basket_answers_its_lines_and_its_checkout_mark() {
        fill(item(DUNE, 2), item(EMMA, 1));
        store.markCheckedOut(ANNA, FIRST);

        Basket basket = checkouts.get(ANNA);

        // the order of lines is the store's (Redis keeps no order)
        assertThat(basket.buyer()).as(impl()).isEqualTo(ANNA);
        assertThat(basket.items()).as(impl()).containsExactlyInAnyOrder(item(DUNE, 2), item(EMMA, 1));
        assertThat(basket.checkedOutBy()).as(impl()).isEqualTo(FIRST);
    }

    @Test
    void one_checkout_holds_the_basket_and_marking_it_again_for_the_same_order_is_harmless() {
        fill(item(DUNE, 1));

        assertThat(checkouts.markCheckedOut(ANNA, FIRST)).as(impl()).isTrue();
        assertThat(checkouts.markCheckedOut(ANNA, FIRST))
                .as("%s: the same order again", impl())
                .isTrue();
        assertThat(checkouts.markCheckedOut(ANNA, SECOND))
                .as("%s: another order", impl())
                .isFalse();
        assertThat(store.get(ANNA).checkedOutBy()).as(impl()).isEqualTo(FIRST);
    }

    @Test
    void releasing_lifts_only_the_named_orders_mark_and_twice_is_harmless() {
        fill(item(DUNE, 1));
        checkouts.markCheckedOut(ANNA, FIRST);

        checkouts.releaseCheckout(ANNA, SECOND);
        assertThat(store.get(ANNA).checkedOutBy()).as(impl()).isEqualTo(FIRST);

        checkouts.releaseCheckout(ANNA, FIRST);
        checkouts.releaseCheckout(ANNA, FIRST);
        assertThat(store.get(ANNA)).as(impl()).isEqualTo(new Basket(ANNA, List.of(item(DUNE, 1)), null));
    }

    @Test
    void clearing_takes_what_the_checkout_held_keeps_what_came_later_and_twice_changes_nothing_more() {
        fill(item(DUNE, 2), item(EMMA, 1));
        checkouts.markCheckedOut(ANNA, FIRST);
        store.add(ANNA, DUNE, Quantity.of(3), null); // raised while the checkout ran

        Basket answered = checkouts.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2), item(EMMA, 1)));
        Basket again = checkouts.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2), item(EMMA, 1)));

        assertThat(answered).as(impl()).isEqualTo(new Basket(ANNA, List.of(item(DUNE, 3)), null));
        assertThat(again).as("%s: cleared again", impl()).isEqualTo(answered);
        assertThat(store.get(ANNA)).as(impl()).isEqualTo(answered);
    }
}

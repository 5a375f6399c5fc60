package org.bookworm.ordering.core.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.DeciderSpec.given;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.EMMA_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.bookworm.ordering.core.basket.BasketState.CheckedOut;
import org.bookworm.ordering.core.basket.BasketState.Empty;
import org.bookworm.ordering.core.basket.BasketState.WithItems;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every basket command in every stage of a basket (empty, with items, full, checked out by an order with or without
 * items), with the exact events or the exact rejection.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketDeciderTest {
    private static final BasketDecider DECIDER = new BasketDecider();
    private static final OrderId OTHER_ORDER = OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000002");

    private static final BasketItem TWO_DUNE = item(DUNE_ID, 2);
    private static final BasketItem ONE_EMMA = item(EMMA_ID, 1);
    private static final List<BasketItem> HUNDRED_BOOKS = books(Basket.MAX_ITEMS);

    private static final List<BasketEvent> EMPTY = List.of();
    private static final List<BasketEvent> WITH_DUNE = List.of(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(2)));
    private static final List<BasketEvent> FULL = List.of(new ItemsReplaced(BUYER_ID, HUNDRED_BOOKS));
    private static final List<BasketEvent> CHECKED_OUT =
            List.of(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(2)), new BasketCheckedOut(BUYER_ID, ORDER));
    private static final List<BasketEvent> CHECKED_OUT_EMPTY = List.of(new BasketCheckedOut(BUYER_ID, ORDER));

    private static BasketItem item(BookId book, int quantity) {
        return new BasketItem(book, Quantity.of(quantity));
    }

    private static BookId book(int n) {
        return new BookId(new UUID(0x0192f0c83c4b7d8eL, 0x9f00_0000_0000_1000L + n));
    }

    private static List<BasketItem> books(int count) {
        var items = new ArrayList<BasketItem>();
        for (int n = 0; n < count; n++) {
            items.add(item(book(n), 1));
        }
        return List.copyOf(items);
    }

    @Test
    void every_history_folds_to_its_stage() {
        assertThat(given(DECIDER, EMPTY).state()).isEqualTo(new Empty());
        assertThat(given(DECIDER, WITH_DUNE).state()).isEqualTo(new WithItems(List.of(TWO_DUNE)));
        assertThat(given(DECIDER, FULL).state().items()).hasSize(100);
        assertThat(given(DECIDER, CHECKED_OUT).state()).isEqualTo(new CheckedOut(List.of(TWO_DUNE), ORDER));
        assertThat(given(DECIDER, CHECKED_OUT_EMPTY).state()).isEqualTo(new CheckedOut(List.of(), ORDER));
        assertThat(DECIDER.isTerminal(given(DECIDER, CHECKED_OUT).state())).isFalse();
    }

    @Nested
    class An_empty_basket {
        @Test
        void add_creates_the_line() {
            var state = given(DECIDER, EMPTY)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(3)))
                    .then(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(3)));
            assertThat(state).isEqualTo(new WithItems(List.of(item(DUNE_ID, 3))));
        }

        @Test
        void add_of_99_copies_is_the_cap_and_fits() {
            given(DECIDER, EMPTY)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(99)))
                    .then(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(99)));
        }

        @Test
        void set_and_remove_of_a_line_it_does_not_have_are_refused() {
            given(DECIDER, EMPTY)
                    .when(new SetQuantity(BUYER_ID, EMMA_ID, Quantity.of(4)))
                    .thenRejectedWith(new NotInBasket(BUYER_ID, EMMA_ID));
            given(DECIDER, EMPTY)
                    .when(new RemoveLine(BUYER_ID, DUNE_ID))
                    .thenRejectedWith(new NotInBasket(BUYER_ID, DUNE_ID));
            assertThat(new NotInBasket(BUYER_ID, DUNE_ID).message())
                    .isEqualTo("book " + DUNE_ID + " is not in your basket: add it first");
        }

        @Test
        void replace_sets_every_line() {
            var state = given(DECIDER, EMPTY)
                    .when(new ReplaceAll(BUYER_ID, List.of(TWO_DUNE, ONE_EMMA)))
                    .then(new ItemsReplaced(BUYER_ID, List.of(TWO_DUNE, ONE_EMMA)));
            assertThat(state).isEqualTo(new WithItems(List.of(TWO_DUNE, ONE_EMMA)));
        }

        @Test
        void replace_with_nothing_changes_nothing() {
            given(DECIDER, EMPTY).when(new ReplaceAll(BUYER_ID, List.of())).thenNothingHappens();
        }

        @Test
        void replace_with_101_books_is_refused() {
            given(DECIDER, EMPTY)
                    .when(new ReplaceAll(BUYER_ID, books(101)))
                    .thenRejectedWith(new TooManyBooks(BUYER_ID));
            assertThat(new TooManyBooks(BUYER_ID).message()).isEqualTo("a basket holds at most 100 different books");
        }

        @Test
        void replace_listing_a_book_twice_is_refused() {
            given(DECIDER, EMPTY)
                    .when(new ReplaceAll(BUYER_ID, List.of(TWO_DUNE, ONE_EMMA, item(DUNE_ID, 5))))
                    .thenRejectedWith(new BookListedTwice(BUYER_ID, DUNE_ID));
            assertThat(new BookListedTwice(BUYER_ID, DUNE_ID).message()).contains("list each book once");
        }

        @Test
        void delete_changes_nothing() {
            given(DECIDER, EMPTY).when(new DeleteBasket(BUYER_ID)).thenNothingHappens();
        }

        @Test
        void mark_holds_even_an_empty_basket() {
            var state = given(DECIDER, EMPTY)
                    .when(new MarkCheckedOut(BUYER_ID, ORDER))
                    .then(new BasketCheckedOut(BUYER_ID, ORDER));
            assertThat(state).isEqualTo(new CheckedOut(List.of(), ORDER));
        }

        @Test
        void release_and_clear_change_nothing() {
            given(DECIDER, EMPTY).when(new ReleaseCheckout(BUYER_ID, ORDER)).thenNothingHappens();
            given(DECIDER, EMPTY)
                    .when(new ClearCheckedOut(BUYER_ID, ORDER, List.of(TWO_DUNE)))
                    .thenNothingHappens();
        }
    }

    @Nested
    class A_basket_with_items {
        @Test
        void add_raises_the_line() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(97)))
                    .then(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(97)));
            assertThat(state).isEqualTo(new WithItems(List.of(item(DUNE_ID, 99))));
        }

        @Test
        void add_past_99_copies_is_refused() {
            given(DECIDER, WITH_DUNE)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(98)))
                    .thenRejectedWith(new TooManyCopies(BUYER_ID, DUNE_ID, 2, 98));
            assertThat(new TooManyCopies(BUYER_ID, DUNE_ID, 2, 98).message())
                    .isEqualTo("at most 99 copies of a book: the basket has 2");
        }

        @Test
        void add_of_another_book_appends_its_line() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new AddCopies(BUYER_ID, EMMA_ID, Quantity.of(1)))
                    .then(new CopiesAdded(BUYER_ID, EMMA_ID, Quantity.of(1)));
            assertThat(state.items()).containsExactly(TWO_DUNE, ONE_EMMA);
        }

        @Test
        void set_replaces_the_quantity_whatever_it_was() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new SetQuantity(BUYER_ID, DUNE_ID, Quantity.of(99)))
                    .then(new QuantitySet(BUYER_ID, DUNE_ID, Quantity.of(99)));
            assertThat(state).isEqualTo(new WithItems(List.of(item(DUNE_ID, 99))));
        }

        @Test
        void set_to_the_same_quantity_changes_nothing() {
            given(DECIDER, WITH_DUNE)
                    .when(new SetQuantity(BUYER_ID, DUNE_ID, Quantity.of(2)))
                    .thenNothingHappens();
        }

        @Test
        void remove_of_the_last_line_empties_the_basket() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new RemoveLine(BUYER_ID, DUNE_ID))
                    .then(new LineRemoved(BUYER_ID, DUNE_ID));
            assertThat(state).isEqualTo(new Empty());
        }

        @Test
        void remove_of_an_absent_line_is_refused() {
            given(DECIDER, WITH_DUNE)
                    .when(new RemoveLine(BUYER_ID, EMMA_ID))
                    .thenRejectedWith(new NotInBasket(BUYER_ID, EMMA_ID));
        }

        @Test
        void replace_drops_the_old_lines() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new ReplaceAll(BUYER_ID, List.of(ONE_EMMA)))
                    .then(new ItemsReplaced(BUYER_ID, List.of(ONE_EMMA)));
            assertThat(state).isEqualTo(new WithItems(List.of(ONE_EMMA)));
            given(DECIDER, WITH_DUNE)
                    .when(new ReplaceAll(BUYER_ID, List.of()))
                    .then(new ItemsReplaced(BUYER_ID, List.of()));
        }

        @Test
        void replace_with_the_same_lines_changes_nothing() {
            given(DECIDER, WITH_DUNE)
                    .when(new ReplaceAll(BUYER_ID, List.of(TWO_DUNE)))
                    .thenNothingHappens();
        }

        @Test
        void delete_empties_it() {
            var state =
                    given(DECIDER, WITH_DUNE).when(new DeleteBasket(BUYER_ID)).then(new BasketDeleted(BUYER_ID));
            assertThat(state).isEqualTo(new Empty());
        }

        @Test
        void mark_holds_it_for_the_order() {
            var state = given(DECIDER, WITH_DUNE)
                    .when(new MarkCheckedOut(BUYER_ID, ORDER))
                    .then(new BasketCheckedOut(BUYER_ID, ORDER));
            assertThat(state).isEqualTo(new CheckedOut(List.of(TWO_DUNE), ORDER));
        }

        @Test
        void release_and_clear_without_a_mark_change_nothing() {
            given(DECIDER, WITH_DUNE).when(new ReleaseCheckout(BUYER_ID, ORDER)).thenNothingHappens();
            // a redelivered confirmation after the clearing must not eat the lines added since
            given(DECIDER, WITH_DUNE)
                    .when(new ClearCheckedOut(BUYER_ID, ORDER, List.of(TWO_DUNE)))
                    .thenNothingHappens();
        }
    }

    @Nested
    class A_basket_of_100_books {
        @Test
        void a_101st_book_is_refused() {
            given(DECIDER, FULL)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(1)))
                    .thenRejectedWith(new TooManyBooks(BUYER_ID));
        }

        @Test
        void lines_already_in_it_still_change() {
            given(DECIDER, FULL)
                    .when(new AddCopies(BUYER_ID, book(7), Quantity.of(98)))
                    .then(new CopiesAdded(BUYER_ID, book(7), Quantity.of(98)));
            given(DECIDER, FULL)
                    .when(new AddCopies(BUYER_ID, book(7), Quantity.of(99)))
                    .thenRejectedWith(new TooManyCopies(BUYER_ID, book(7), 1, 99));
            given(DECIDER, FULL)
                    .when(new SetQuantity(BUYER_ID, book(7), Quantity.of(5)))
                    .then(new QuantitySet(BUYER_ID, book(7), Quantity.of(5)));
            var state = given(DECIDER, FULL)
                    .when(new RemoveLine(BUYER_ID, book(7)))
                    .then(new LineRemoved(BUYER_ID, book(7)));
            assertThat(state.items()).hasSize(99);
        }
    }

    @Nested
    class A_basket_checked_out_by_an_order {
        @Test
        void the_buyer_may_still_change_the_lines_and_the_mark_stays() {
            var added = given(DECIDER, CHECKED_OUT)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(1)))
                    .then(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(1)));
            // the added copy comes on top of the two the checkout holds
            assertThat(added).isEqualTo(new CheckedOut(List.of(item(DUNE_ID, 3)), ORDER, List.of(TWO_DUNE)));
            var set = given(DECIDER, CHECKED_OUT)
                    .when(new SetQuantity(BUYER_ID, DUNE_ID, Quantity.of(1)))
                    .then(new QuantitySet(BUYER_ID, DUNE_ID, Quantity.of(1)));
            // lowered below what the checkout holds: one checked-out copy is given up
            assertThat(set).isEqualTo(new CheckedOut(List.of(item(DUNE_ID, 1)), ORDER, List.of(item(DUNE_ID, 1))));
            var removed = given(DECIDER, CHECKED_OUT)
                    .when(new RemoveLine(BUYER_ID, DUNE_ID))
                    .then(new LineRemoved(BUYER_ID, DUNE_ID));
            assertThat(removed).isEqualTo(new CheckedOut(List.of(), ORDER, List.of()));
            var replaced = given(DECIDER, CHECKED_OUT)
                    .when(new ReplaceAll(BUYER_ID, List.of(ONE_EMMA)))
                    .then(new ItemsReplaced(BUYER_ID, List.of(ONE_EMMA)));
            assertThat(replaced).isEqualTo(new CheckedOut(List.of(ONE_EMMA), ORDER, List.of()));
        }

        @Test
        void the_caps_still_hold() {
            given(DECIDER, CHECKED_OUT)
                    .when(new AddCopies(BUYER_ID, DUNE_ID, Quantity.of(98)))
                    .thenRejectedWith(new TooManyCopies(BUYER_ID, DUNE_ID, 2, 98));
            given(DECIDER, CHECKED_OUT)
                    .when(new ReplaceAll(BUYER_ID, books(101)))
                    .thenRejectedWith(new TooManyBooks(BUYER_ID));
        }

        @Test
        void delete_drops_lines_and_mark() {
            var state =
                    given(DECIDER, CHECKED_OUT).when(new DeleteBasket(BUYER_ID)).then(new BasketDeleted(BUYER_ID));
            assertThat(state).isEqualTo(new Empty());
            given(DECIDER, CHECKED_OUT_EMPTY).when(new DeleteBasket(BUYER_ID)).then(new BasketDeleted(BUYER_ID));
        }

        @Test
        void marking_again_for_the_same_order_is_fine() {
            given(DECIDER, CHECKED_OUT)
                    .when(new MarkCheckedOut(BUYER_ID, ORDER))
                    .thenNothingHappens();
        }

        @Test
        void marking_for_another_order_is_refused() {
            given(DECIDER, CHECKED_OUT)
                    .when(new MarkCheckedOut(BUYER_ID, OTHER_ORDER))
                    .thenRejectedWith(new CheckedOutByAnotherOrder(BUYER_ID, ORDER, OTHER_ORDER));
            assertThat(new CheckedOutByAnotherOrder(BUYER_ID, ORDER, OTHER_ORDER).message())
                    .contains(ORDER.toString());
        }

        @Test
        void release_by_the_order_lifts_the_mark_and_keeps_the_lines() {
            var state = given(DECIDER, CHECKED_OUT)
                    .when(new ReleaseCheckout(BUYER_ID, ORDER))
                    .then(new CheckoutReleased(BUYER_ID, ORDER));
            assertThat(state).isEqualTo(new WithItems(List.of(TWO_DUNE)));
            assertThat(given(DECIDER, CHECKED_OUT_EMPTY)
                            .when(new ReleaseCheckout(BUYER_ID, ORDER))
                            .then(new CheckoutReleased(BUYER_ID, ORDER)))
                    .isEqualTo(new Empty());
        }

        @Test
        void release_by_another_order_changes_nothing() {
            given(DECIDER, CHECKED_OUT)
                    .when(new ReleaseCheckout(BUYER_ID, OTHER_ORDER))
                    .thenNothingHappens();
        }

        @Test
        void clear_removes_exactly_the_checked_out_quantities() {
            var history = new ArrayList<>(CHECKED_OUT);
            // bought meanwhile: one more Dune and an Emma, which must survive the clearing
            history.add(new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(1)));
            history.add(new CopiesAdded(BUYER_ID, EMMA_ID, Quantity.of(1)));
            var state = given(DECIDER, history)
                    .when(new ClearCheckedOut(BUYER_ID, ORDER, List.of(TWO_DUNE)))
                    .then(new CheckedOutItemsCleared(BUYER_ID, ORDER, List.of(TWO_DUNE)));
            assertThat(state).isEqualTo(new WithItems(List.of(item(DUNE_ID, 1), ONE_EMMA)));
        }

        @Test
        void clear_of_everything_empties_it_even_when_lines_were_lowered_meanwhile() {
            var state = given(DECIDER, CHECKED_OUT)
                    .when(new ClearCheckedOut(BUYER_ID, ORDER, List.of(item(DUNE_ID, 5))))
                    .then(new CheckedOutItemsCleared(BUYER_ID, ORDER, List.of(item(DUNE_ID, 5))));
            assertThat(state).isEqualTo(new Empty());
        }

        @Test
        void clear_by_another_order_changes_nothing() {
            given(DECIDER, CHECKED_OUT)
                    .when(new ClearCheckedOut(BUYER_ID, OTHER_ORDER, List.of(TWO_DUNE)))
                    .thenNothingHappens();
        }
    }

    @Test
    void evolve_refuses_a_corrupt_history() {
        var checkedOut = given(DECIDER, CHECKED_OUT).state();
        assertThatThrownBy(() -> DECIDER.evolve(checkedOut, new BasketCheckedOut(BUYER_ID, OTHER_ORDER)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DECIDER.evolve(new Empty(), new CheckoutReleased(BUYER_ID, ORDER)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DECIDER.evolve(
                        given(DECIDER, WITH_DUNE).state(), new CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(98))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

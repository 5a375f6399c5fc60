package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link BasketStore} guarantees: per-item atomic updates, caps of 99 copies per book and 100 books that
 * hold under concurrency, refusals that change nothing, and the checkout mark's life cycle. A subclass only supplies
 * a fresh, empty store. The request-id cases are inherited from {@link BasketRequestIdCases}.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class BasketStoreContract extends BasketRequestIdCases {

    private static final BuyerId ANNA = new BuyerId(UUID.randomUUID());
    private static final BuyerId BORIS = new BuyerId(UUID.randomUUID());
    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final BookId EMMA = new BookId(UUID.randomUUID());
    private static final BookId ULYSSES = new BookId(UUID.randomUUID());
    private static final OrderId FIRST = new OrderId(UUID.randomUUID());
    private static final OrderId SECOND = new OrderId(UUID.randomUUID());

    @Test
    void a_buyer_without_a_basket_has_an_empty_one() {
        Basket basket = store.get(ANNA);

        assertThat(basket).isEqualTo(Basket.empty(ANNA));
        assertThat(basket.isEmpty()).isTrue();
    }

    @Test
    void adding_a_book_creates_its_line_and_answers_the_basket_after_the_call() {
        Basket answered = add(ANNA, DUNE, Quantity.of(2));

        assertThat(answered.items()).containsExactly(item(DUNE, 2));
        assertThat(store.get(ANNA)).isEqualTo(answered);
    }

    @Test
    void adding_a_book_again_adds_to_its_line() {
        add(ANNA, DUNE, Quantity.of(2));
        add(ANNA, EMMA, Quantity.of(1));

        Basket answered = add(ANNA, DUNE, Quantity.of(3));

        assertThat(answered.items()).containsExactlyInAnyOrder(item(DUNE, 5), item(EMMA, 1));
        assertThat(store.get(ANNA).items()).containsExactlyInAnyOrder(item(DUNE, 5), item(EMMA, 1));
    }

    @Test
    void adding_up_to_exactly_99_copies_is_allowed() {
        add(ANNA, DUNE, Quantity.of(90));

        assertThat(add(ANNA, DUNE, Quantity.of(9)).items()).containsExactly(item(DUNE, 99));
    }

    @Test
    void adding_past_99_copies_is_refused_and_changes_nothing() {
        add(ANNA, DUNE, Quantity.of(90));

        assertThat(store.add(ANNA, DUNE, Quantity.of(10), null))
                .isEqualTo(refused(new BasketRejection.TooManyCopies(ANNA, DUNE, 90, 10)));
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 90));
    }

    @Test
    void setting_a_quantity_replaces_it() {
        add(ANNA, DUNE, Quantity.of(7));
        add(ANNA, EMMA, Quantity.of(1));

        set(ANNA, DUNE, Quantity.of(2));
        Basket answered = set(ANNA, EMMA, Quantity.of(99));

        assertThat(answered.items()).containsExactlyInAnyOrder(item(DUNE, 2), item(EMMA, 99));
        assertThat(store.get(ANNA)).isEqualTo(answered);
    }

    @Test
    void setting_or_removing_a_book_that_is_not_in_the_basket_is_refused_and_changes_nothing() {
        add(ANNA, DUNE, Quantity.of(1));

        assertThat(store.set(ANNA, EMMA, Quantity.of(2), null))
                .isEqualTo(refused(new BasketRejection.NotInBasket(ANNA, EMMA)));
        assertThat(store.remove(ANNA, EMMA, null)).isEqualTo(refused(new BasketRejection.NotInBasket(ANNA, EMMA)));
        assertThat(store.remove(BORIS, EMMA, null)).isEqualTo(refused(new BasketRejection.NotInBasket(BORIS, EMMA)));
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 1));
        assertThat(store.get(BORIS)).isEqualTo(Basket.empty(BORIS));
    }

    @Test
    void a_basket_holds_100_books_and_refuses_a_101st_changing_nothing() {
        List<BasketItem> hundred = books(100);
        hundred.forEach(line -> add(ANNA, line.book(), line.quantity()));

        assertThat(store.add(ANNA, DUNE, Quantity.of(1), null))
                .isEqualTo(refused(new BasketRejection.TooManyBooks(ANNA)));
        assertThat(store.get(ANNA).items()).containsExactlyInAnyOrderElementsOf(hundred);
    }

    @Test
    void a_full_basket_still_changes_the_quantities_of_its_books() {
        List<BasketItem> hundred = books(100);
        replace(ANNA, hundred);
        BookId first = hundred.getFirst().book();

        add(ANNA, first, Quantity.of(4));
        Basket answered = set(ANNA, hundred.get(1).book(), Quantity.of(50));

        assertThat(answered.item(first)).contains(item(first, 5));
        assertThat(answered.item(hundred.get(1).book()))
                .contains(item(hundred.get(1).book(), 50));
        assertThat(answered.items()).hasSize(100);
    }

    @Test
    void removing_a_line_leaves_the_others() {
        add(ANNA, DUNE, Quantity.of(1));
        add(ANNA, EMMA, Quantity.of(2));

        assertThat(remove(ANNA, DUNE).items()).containsExactly(item(EMMA, 2));
        assertThat(remove(ANNA, EMMA)).isEqualTo(Basket.empty(ANNA));
        assertThat(store.get(ANNA)).isEqualTo(Basket.empty(ANNA));
    }

    @Test
    void replacing_swaps_every_line_at_once() {
        add(ANNA, DUNE, Quantity.of(1));
        add(ANNA, EMMA, Quantity.of(2));

        Basket answered = replace(ANNA, List.of(item(EMMA, 9), item(ULYSSES, 3)));

        assertThat(answered.items()).containsExactlyInAnyOrder(item(EMMA, 9), item(ULYSSES, 3));
        assertThat(store.get(ANNA).items()).containsExactlyInAnyOrder(item(EMMA, 9), item(ULYSSES, 3));
        assertThat(replace(ANNA, List.of())).isEqualTo(Basket.empty(ANNA));
        assertThat(store.get(ANNA)).isEqualTo(Basket.empty(ANNA));
    }

    @Test
    void replacing_with_101_books_or_a_book_listed_twice_is_refused_and_changes_nothing() {
        add(ANNA, DUNE, Quantity.of(1));

        assertThat(store.replace(ANNA, books(101), null)).isEqualTo(refused(new BasketRejection.TooManyBooks(ANNA)));
        assertThat(store.replace(ANNA, List.of(item(EMMA, 1), item(EMMA, 2)), null))
                .isEqualTo(refused(new BasketRejection.BookListedTwice(ANNA, EMMA)));
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 1));
    }

    @Test
    void deleting_removes_the_lines_and_the_checkout_mark() {
        add(ANNA, DUNE, Quantity.of(1));
        store.markCheckedOut(ANNA, FIRST);

        delete(ANNA);
        delete(BORIS);

        assertThat(store.get(ANNA)).isEqualTo(Basket.empty(ANNA));
        assertThat(store.markCheckedOut(ANNA, SECOND)).isTrue();
    }

    @Test
    void baskets_of_different_buyers_are_separate() {
        add(ANNA, DUNE, Quantity.of(1));
        add(BORIS, DUNE, Quantity.of(2));
        store.markCheckedOut(BORIS, FIRST);

        delete(BORIS);

        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 1));
        assertThat(store.get(ANNA).checkedOutBy()).isNull();
    }

    @Test
    void the_first_checkout_marks_the_basket_and_a_second_one_is_refused() {
        add(ANNA, DUNE, Quantity.of(1));

        assertThat(store.markCheckedOut(ANNA, FIRST)).isTrue();
        assertThat(store.markCheckedOut(ANNA, FIRST)).as("the same order again").isTrue();
        assertThat(store.markCheckedOut(ANNA, SECOND)).isFalse();
        assertThat(store.get(ANNA)).isEqualTo(new Basket(ANNA, List.of(item(DUNE, 1)), FIRST));
    }

    @Test
    void an_empty_basket_can_carry_a_checkout_mark() {
        assertThat(store.markCheckedOut(ANNA, FIRST)).isTrue();

        assertThat(store.get(ANNA)).isEqualTo(new Basket(ANNA, List.of(), FIRST));
    }

    @Test
    void item_updates_keep_the_checkout_mark() {
        add(ANNA, DUNE, Quantity.of(1));
        store.markCheckedOut(ANNA, FIRST);

        assertThat(add(ANNA, EMMA, Quantity.of(1)).checkedOutBy()).isEqualTo(FIRST);
        assertThat(set(ANNA, DUNE, Quantity.of(3)).checkedOutBy()).isEqualTo(FIRST);
        assertThat(remove(ANNA, DUNE).checkedOutBy()).isEqualTo(FIRST);
        assertThat(replace(ANNA, List.of(item(ULYSSES, 2))).checkedOutBy()).isEqualTo(FIRST);
        assertThat(replace(ANNA, List.of())).isEqualTo(new Basket(ANNA, List.of(), FIRST));
        assertThat(store.get(ANNA)).isEqualTo(new Basket(ANNA, List.of(), FIRST));
    }

    @Test
    void releasing_lifts_only_the_named_orders_mark() {
        add(ANNA, DUNE, Quantity.of(1));
        store.markCheckedOut(ANNA, FIRST);

        store.releaseCheckout(ANNA, SECOND);
        assertThat(store.get(ANNA).checkedOutBy()).isEqualTo(FIRST);

        store.releaseCheckout(ANNA, FIRST);
        assertThat(store.get(ANNA)).isEqualTo(new Basket(ANNA, List.of(item(DUNE, 1)), null));
        assertThat(store.markCheckedOut(ANNA, SECOND)).isTrue();
    }

    @Test
    void releasing_the_mark_of_an_empty_basket_leaves_no_basket_behind() {
        store.markCheckedOut(ANNA, FIRST);

        store.releaseCheckout(ANNA, FIRST);

        assertThat(store.get(ANNA)).isEqualTo(Basket.empty(ANNA));
    }

    @Test
    void clearing_a_checkout_removes_exactly_what_was_checked_out_and_lifts_the_mark() {
        replace(ANNA, List.of(item(DUNE, 2), item(EMMA, 1)));
        store.markCheckedOut(ANNA, FIRST);
        List<BasketItem> checkedOut = store.get(ANNA).items();
        add(ANNA, DUNE, Quantity.of(3)); // raised while the checkout ran
        add(ANNA, ULYSSES, Quantity.of(1)); // added while the checkout ran

        Basket answered = store.clearCheckedOut(ANNA, FIRST, checkedOut);

        assertThat(answered.items()).containsExactlyInAnyOrder(item(DUNE, 3), item(ULYSSES, 1));
        assertThat(answered.checkedOutBy()).isNull();
        assertThat(store.get(ANNA)).isEqualTo(answered);
    }

    @Test
    void clearing_a_checkout_twice_changes_nothing_the_second_time() {
        replace(ANNA, List.of(item(DUNE, 2)));
        store.markCheckedOut(ANNA, FIRST);
        store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2)));
        add(ANNA, DUNE, Quantity.of(1));

        Basket again = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2)));

        assertThat(again.items()).containsExactly(item(DUNE, 1));
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 1));
    }

    @Test
    void clearing_with_another_orders_id_changes_nothing() {
        replace(ANNA, List.of(item(DUNE, 2)));
        store.markCheckedOut(ANNA, FIRST);

        Basket answered = store.clearCheckedOut(ANNA, SECOND, List.of(item(DUNE, 2)));

        assertThat(answered).isEqualTo(new Basket(ANNA, List.of(item(DUNE, 2)), FIRST));
        assertThat(store.get(ANNA)).isEqualTo(answered);
    }

    @Test
    void clearing_everything_that_was_checked_out_leaves_an_empty_basket() {
        replace(ANNA, List.of(item(DUNE, 2), item(EMMA, 5)));
        store.markCheckedOut(ANNA, FIRST);
        set(ANNA, EMMA, Quantity.of(1)); // lowered while the checkout ran: nothing is left of it

        Basket answered = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2), item(EMMA, 5)));

        assertThat(answered).isEqualTo(Basket.empty(ANNA));
        assertThat(store.get(ANNA)).isEqualTo(Basket.empty(ANNA));
    }

    @Test
    void a_line_removed_and_added_again_during_the_checkout_survives_the_clearing() {
        replace(ANNA, List.of(item(DUNE, 2), item(EMMA, 1)));
        store.markCheckedOut(ANNA, FIRST);
        remove(ANNA, DUNE); // the checked-out copies left the basket here
        add(ANNA, DUNE, Quantity.of(2)); // so these two are new

        Basket answered = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2), item(EMMA, 1)));

        assertThat(answered.items()).containsExactly(item(DUNE, 2));
        assertThat(store.get(ANNA)).isEqualTo(answered);
    }

    @Test
    void a_line_lowered_then_raised_during_the_checkout_keeps_every_copy_added_after_the_lowering() {
        replace(ANNA, List.of(item(DUNE, 3)));
        store.markCheckedOut(ANNA, FIRST);
        set(ANNA, DUNE, Quantity.of(1)); // two checked-out copies given up
        set(ANNA, DUNE, Quantity.of(4)); // three raised on top of the one left

        Basket answered = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 3)));

        assertThat(answered.items()).containsExactly(item(DUNE, 3));
    }

    @Test
    void a_basket_replaced_during_the_checkout_loses_only_the_checked_out_copies_it_kept() {
        replace(ANNA, List.of(item(DUNE, 2), item(EMMA, 2)));
        store.markCheckedOut(ANNA, FIRST);
        replace(ANNA, List.of(item(EMMA, 3))); // DUNE given up, EMMA kept and raised by one
        add(ANNA, DUNE, Quantity.of(1)); // a new copy

        Basket answered = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2), item(EMMA, 2)));

        assertThat(answered.items()).containsExactlyInAnyOrder(item(DUNE, 1), item(EMMA, 1));
    }

    @Test
    void a_basket_emptied_and_filled_again_during_the_checkout_keeps_all_it_holds_after_the_clearing() {
        replace(ANNA, List.of(item(DUNE, 2)));
        store.markCheckedOut(ANNA, FIRST);
        replace(ANNA, List.of());
        add(ANNA, DUNE, Quantity.of(2));
        add(ANNA, EMMA, Quantity.of(1));

        Basket answered = store.clearCheckedOut(ANNA, FIRST, List.of(item(DUNE, 2)));

        assertThat(answered.items()).containsExactlyInAnyOrder(item(DUNE, 2), item(EMMA, 1));
    }

    @Test
    void copies_added_after_the_order_read_the_basket_but_before_the_mark_survive_the_clearing() {
        replace(ANNA, List.of(item(DUNE, 2)));
        List<BasketItem> readByTheOrder = store.get(ANNA).items();
        add(ANNA, DUNE, Quantity.of(1)); // between PlaceOrder's read and its mark
        store.markCheckedOut(ANNA, FIRST);

        Basket answered = store.clearCheckedOut(ANNA, FIRST, readByTheOrder);

        assertThat(answered.items()).containsExactly(item(DUNE, 1));
    }

    @Test
    void a_later_checkout_claims_only_what_the_basket_holds_when_it_marks() {
        replace(ANNA, List.of(item(DUNE, 2)));
        store.markCheckedOut(ANNA, FIRST);
        remove(ANNA, DUNE);
        store.releaseCheckout(ANNA, FIRST); // that checkout failed
        add(ANNA, DUNE, Quantity.of(1));
        store.markCheckedOut(ANNA, SECOND);
        add(ANNA, DUNE, Quantity.of(4));

        Basket answered = store.clearCheckedOut(ANNA, SECOND, List.of(item(DUNE, 1)));

        assertThat(answered.items()).containsExactly(item(DUNE, 4));
    }

    @Test
    void fifty_concurrent_adds_of_one_book_end_with_the_exact_sum() throws Exception {
        List<Outcome> outcomes = concurrently(50, attempt -> () -> store.add(ANNA, DUNE, Quantity.of(1), null));

        assertThat(outcomes).containsOnly(Outcome.ADDED);
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 50));
    }

    @Test
    void concurrent_adds_past_99_copies_stop_at_exactly_99_and_the_rest_are_refused() throws Exception {
        List<Outcome> outcomes = concurrently(120, attempt -> () -> store.add(ANNA, DUNE, Quantity.of(1), null));

        assertThat(outcomes).filteredOn(Outcome.ADDED::equals).hasSize(99);
        assertThat(outcomes).filteredOn(Outcome.REFUSED::equals).hasSize(21);
        assertThat(store.get(ANNA).items()).containsExactly(item(DUNE, 99));
    }

    @Test
    void concurrent_adds_of_distinct_books_stop_at_exactly_100_books() throws Exception {
        List<BasketItem> candidates = books(130);

        List<Outcome> outcomes = concurrently(130, attempt -> () -> {
            BasketItem line = candidates.get(attempt);
            return store.add(ANNA, line.book(), line.quantity(), null);
        });

        assertThat(outcomes).filteredOn(Outcome.ADDED::equals).hasSize(100);
        assertThat(outcomes).filteredOn(Outcome.REFUSED::equals).hasSize(30);
        assertThat(store.get(ANNA).items()).hasSize(100).isSubsetOf(candidates);
    }

    @Test
    void of_two_concurrent_checkouts_exactly_one_marks_the_basket() throws Exception {
        add(ANNA, DUNE, Quantity.of(1));
        List<OrderId> orders = IntStream.range(0, 20)
                .mapToObj(n -> new OrderId(UUID.randomUUID()))
                .toList();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(orders.size());
        try {
            List<Future<Boolean>> marks = new ArrayList<>();
            for (OrderId order : orders) {
                marks.add(pool.submit(() -> {
                    start.await();
                    return store.markCheckedOut(ANNA, order);
                }));
            }
            start.countDown();
            var winners = new ArrayList<OrderId>();
            for (int n = 0; n < orders.size(); n++) {
                if (marks.get(n).get(30, TimeUnit.SECONDS)) {
                    winners.add(orders.get(n));
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(store.get(ANNA).checkedOutBy()).isEqualTo(winners.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }

    private enum Outcome {
        ADDED,
        REFUSED
    }

    private interface Attempt {
        Callable<BasketAnswer<Basket>> number(int attempt);
    }

    /** Runs the attempts at once (released together by a latch) and reports how each ended. */
    private static List<Outcome> concurrently(int attempts, Attempt attempt) throws Exception {
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(attempts, 64));
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int n = 0; n < attempts; n++) {
                Callable<BasketAnswer<Basket>> call = attempt.number(n);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return call.call() instanceof BasketAnswer.Done ? Outcome.ADDED : Outcome.REFUSED;
                }));
            }
            start.countDown();
            var ended = new ArrayList<Outcome>();
            for (Future<Outcome> outcome : outcomes) {
                ended.add(outcome.get(60, TimeUnit.SECONDS));
            }
            return ended;
        } finally {
            pool.shutdownNow();
        }
    }

    private Basket add(BuyerId buyer, BookId book, Quantity quantity) {
        return store.add(buyer, book, quantity, null).orElseThrow();
    }

    private Basket set(BuyerId buyer, BookId book, Quantity quantity) {
        return store.set(buyer, book, quantity, null).orElseThrow();
    }

    private Basket remove(BuyerId buyer, BookId book) {
        return store.remove(buyer, book, null).orElseThrow();
    }

    private Basket replace(BuyerId buyer, List<BasketItem> items) {
        return store.replace(buyer, items, null).orElseThrow();
    }

    private void delete(BuyerId buyer) {
        store.delete(buyer, null).orElseThrow();
    }

    private static BasketAnswer<Basket> refused(BasketRejection reason) {
        return new BasketAnswer.Refused<>(reason);
    }

    private static List<BasketItem> books(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> item(new BookId(UUID.randomUUID()), 1 + n % 99))
                .toList();
    }

    private static BasketItem item(BookId book, int quantity) {
        return new BasketItem(book, Quantity.of(quantity));
    }
}

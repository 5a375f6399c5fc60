package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketRequest;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request-id half of {@link BasketStoreContract}: a change sent with a request id happens at most once per basket,
 * a retry (sequential or racing) answers exactly what the first call answered, and the id sent with another request
 * changes nothing. Every mutating change is covered: add, set, remove, replace, delete.
 */
abstract class BasketRequestIdCases {

    /** A fresh, empty store; creating it and cleaning up after it is the implementation's job. */
    protected abstract BasketStore emptyStore();

    private static final BuyerId CARL = new BuyerId(UUID.randomUUID());
    private static final BuyerId DORA = new BuyerId(UUID.randomUUID());
    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final BookId EMMA = new BookId(UUID.randomUUID());

    BasketStore store;

    @BeforeEach
    final void createStore() {
        store = emptyStore();
    }

    @Test
    void an_add_retried_with_its_request_id_answers_the_first_answer_and_adds_nothing_more() {
        var first = store.add(CARL, DUNE, Quantity.of(2), request("add-1", "2 dune"));
        store.add(CARL, EMMA, Quantity.of(1), null); // something else happened in between

        var retry = store.add(CARL, DUNE, Quantity.of(2), request("add-1", "2 dune"));

        assertThat(retry).isEqualTo(first);
        assertThat(first.orElseThrow().items()).containsExactly(item(DUNE, 2));
        assertThat(store.get(CARL).items()).containsExactlyInAnyOrder(item(DUNE, 2), item(EMMA, 1));
    }

    @Test
    void a_request_id_sent_with_another_request_is_refused_and_changes_nothing() {
        store.add(CARL, DUNE, Quantity.of(2), request("add-1", "2 dune"));

        var reused = store.add(CARL, DUNE, Quantity.of(5), request("add-1", "5 dune"));

        assertThat(reused).isEqualTo(new BasketAnswer.RequestReused<Basket>("add-1"));
        assertThat(store.get(CARL).items()).containsExactly(item(DUNE, 2));
    }

    @Test
    void a_refused_change_retried_with_its_request_id_is_refused_the_same_way() {
        store.add(CARL, DUNE, Quantity.of(90), null);
        var first = store.add(CARL, DUNE, Quantity.of(10), request("too-many", "10 dune"));
        store.set(CARL, DUNE, Quantity.of(1), null); // now ten more would fit

        var retry = store.add(CARL, DUNE, Quantity.of(10), request("too-many", "10 dune"));

        assertThat(first).isInstanceOf(BasketAnswer.Refused.class);
        assertThat(retry).isEqualTo(first);
        assertThat(store.get(CARL).items()).containsExactly(item(DUNE, 1));
    }

    @Test
    void set_remove_replace_and_delete_retried_with_their_request_ids_answer_their_first_answers() {
        store.replace(CARL, List.of(item(DUNE, 1), item(EMMA, 1)), null);
        assertRetriedAnswersTheSame("set", store -> store.set(CARL, DUNE, Quantity.of(4), request("set", "h")));
        assertRetriedAnswersTheSame("remove", store -> store.remove(CARL, EMMA, request("remove", "h")));
        assertRetriedAnswersTheSame(
                "replace", store -> store.replace(CARL, List.of(item(EMMA, 3)), request("replace", "h")));
        assertRetriedAnswersTheSame("delete", store -> store.delete(CARL, request("delete", "h")));
    }

    @Test
    void a_removal_retried_after_it_removed_the_line_still_answers_done_not_that_the_line_is_missing() {
        store.add(CARL, DUNE, Quantity.of(1), null);
        var first = store.remove(CARL, DUNE, request("rm", "dune"));

        var retry = store.remove(CARL, DUNE, request("rm", "dune"));

        assertThat(first).isEqualTo(new BasketAnswer.Done<>(Basket.empty(CARL)));
        assertThat(retry).isEqualTo(first);
        assertThat(store.remove(CARL, DUNE, request("rm-2", "dune")))
                .isEqualTo(new BasketAnswer.Refused<Basket>(new BasketRejection.NotInBasket(CARL, DUNE)));
    }

    @Test
    void twenty_racing_adds_with_one_request_id_add_once_and_all_answer_the_same() throws Exception {
        List<Object> answers =
                Racing.race(20, racer -> store.add(CARL, DUNE, Quantity.of(3), request("racing-add", "3 dune")));

        assertThat(answers).hasSize(20).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(store.get(CARL).items()).containsExactly(item(DUNE, 3));
    }

    @Test
    void twenty_racing_removals_with_one_request_id_all_answer_the_first_answer() throws Exception {
        store.replace(CARL, List.of(item(DUNE, 1), item(EMMA, 2)), null);

        List<Object> answers = Racing.race(20, racer -> store.remove(CARL, DUNE, request("racing-rm", "dune")));

        assertThat(answers)
                .hasSize(20)
                .allSatisfy(answer -> assertThat(answer)
                        .isEqualTo(new BasketAnswer.Done<>(new Basket(CARL, List.of(item(EMMA, 2)), null))));
    }

    @Test
    void racing_sets_replacements_and_deletions_with_one_request_id_each_answer_alike() throws Exception {
        store.replace(CARL, List.of(item(DUNE, 1)), null);

        assertRacersAgree(store -> store.set(CARL, DUNE, Quantity.of(5), request("racing-set", "5 dune")));
        assertRacersAgree(store -> store.replace(CARL, List.of(item(EMMA, 2)), request("racing-replace", "2 emma")));
        store.add(CARL, DUNE, Quantity.of(1), null);
        assertRacersAgree(store -> store.delete(CARL, request("racing-delete", "all")));

        assertThat(store.get(CARL)).isEqualTo(Basket.empty(CARL));
    }

    @Test
    void request_ids_belong_to_one_basket() {
        store.add(CARL, DUNE, Quantity.of(1), request("same-id", "1 dune"));

        var other = store.add(DORA, DUNE, Quantity.of(1), request("same-id", "1 dune"));

        assertThat(other.orElseThrow().items()).containsExactly(item(DUNE, 1));
        assertThat(store.get(CARL).items()).containsExactly(item(DUNE, 1));
        assertThat(store.get(DORA).items()).containsExactly(item(DUNE, 1));
    }

    @Test
    void the_last_32_request_ids_of_a_basket_are_remembered() {
        var first = store.add(CARL, DUNE, Quantity.of(1), request("id-0", "dune"));
        for (int n = 1; n < BasketStore.REMEMBERED_REQUESTS; n++) {
            store.add(CARL, EMMA, Quantity.of(1), request("id-" + n, "emma"));
        }

        assertThat(store.add(CARL, DUNE, Quantity.of(1), request("id-0", "dune")))
                .isEqualTo(first);
        assertThat(store.get(CARL).items())
                .containsExactlyInAnyOrder(item(DUNE, 1), item(EMMA, BasketStore.REMEMBERED_REQUESTS - 1));
    }

    @Test
    void a_deleted_basket_still_answers_a_retried_change_the_same() {
        var first = store.add(CARL, DUNE, Quantity.of(2), request("before-delete", "2 dune"));
        store.delete(CARL, null);

        assertThat(store.add(CARL, DUNE, Quantity.of(2), request("before-delete", "2 dune")))
                .isEqualTo(first);
        assertThat(store.get(CARL)).isEqualTo(Basket.empty(CARL));
    }

    private void assertRacersAgree(Function<BasketStore, BasketAnswer<Basket>> call) throws Exception {
        List<Object> answers = Racing.race(8, racer -> call.apply(store));
        assertThat(answers.getFirst()).isInstanceOf(BasketAnswer.Done.class);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
    }

    private void assertRetriedAnswersTheSame(String change, Function<BasketStore, BasketAnswer<Basket>> call) {
        var first = call.apply(store);
        Basket after = store.get(CARL);

        var retry = call.apply(store);

        assertThat(first).as(change).isInstanceOf(BasketAnswer.Done.class);
        assertThat(retry).as(change + " retried").isEqualTo(first);
        assertThat(store.get(CARL)).as(change + " retried changes nothing").isEqualTo(after);
    }

    private static BasketRequest request(String id, String hash) {
        return new BasketRequest(id, hash);
    }

    private static BasketItem item(BookId book, int quantity) {
        return new BasketItem(book, Quantity.of(quantity));
    }
}

package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.add;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.item;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.Basket;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.DeleteBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.RemoveItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.SetItemRequest;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.contract.Racing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 2 for the basket: every mutating basket RPC retried with its request id answers what the first call
 * answered and changes nothing more, one after the other and racing; the id sent with another request is refused.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketRetriesTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID ada = UUID.randomUUID();
    private final String adaToken = api.tokens.user(ada);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void an_add_item_retried_with_its_request_id_does_not_double_the_quantity() {
        var baskets = api.baskets(adaToken);
        var request = add(DUNE, 2);

        var first = baskets.addItem(request);
        var retry = baskets.addItem(request);

        assertThat(retry).isEqualTo(first);
        assertThat(stored()).containsExactly(new BasketItem(DUNE, Quantity.of(2)));
    }

    @Test
    void sixteen_racing_add_items_with_one_request_id_add_once_and_answer_alike() throws Exception {
        var request = add(DUNE, 3);

        List<Object> answers = Racing.race(16, racer -> api.baskets(adaToken).addItem(request));

        assertThat(answers).hasSize(16).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(stored()).containsExactly(new BasketItem(DUNE, Quantity.of(3)));
    }

    @Test
    void a_request_id_sent_again_with_another_request_is_failed_precondition_and_changes_nothing() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 2).toBuilder().setRequestId("same").build());

        var reused = assertCode(
                Code.FAILED_PRECONDITION,
                () -> baskets.addItem(
                        add(DUNE, 5).toBuilder().setRequestId("same").build()));

        assertThat(reused.getDescription()).contains("request id reused with a different request");
        assertThat(stored()).containsExactly(new BasketItem(DUNE, Quantity.of(2)));
    }

    @Test
    void every_other_mutating_basket_rpc_retried_with_its_request_id_answers_the_same() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 1));
        baskets.addItem(add(EMMA, 1));

        var set = SetItemRequest.newBuilder()
                .setRequestId("set-1")
                .setItem(item(DUNE, 4))
                .build();
        assertAnsweredTheSame(() -> baskets.setItem(set).getBasket());
        var remove = RemoveItemRequest.newBuilder()
                .setRequestId("remove-1")
                .setBookId(EMMA.toString())
                .build();
        assertAnsweredTheSame(() -> baskets.removeItem(remove).getBasket());
        var replace = ReplaceBasketRequest.newBuilder()
                .setRequestId("replace-1")
                .addItems(item(EMMA, 3))
                .build();
        assertAnsweredTheSame(() -> baskets.replaceBasket(replace).getBasket());
        var delete = DeleteBasketRequest.newBuilder().setRequestId("delete-1").build();
        baskets.deleteBasket(delete);
        baskets.addItem(add(DUNE, 1));
        baskets.deleteBasket(delete); // a retry answers "deleted" and deletes nothing new
        assertThat(stored()).containsExactly(new BasketItem(DUNE, Quantity.of(1)));
    }

    @Test
    void racing_removals_with_one_request_id_all_succeed_with_the_first_answer() throws Exception {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 1));
        baskets.addItem(add(EMMA, 2));
        var remove = RemoveItemRequest.newBuilder()
                .setRequestId("rm")
                .setBookId(DUNE.toString())
                .build();

        List<Object> answers = Racing.race(8, racer -> api.baskets(adaToken).removeItem(remove));

        assertThat(answers).hasSize(8).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(stored()).containsExactly(new BasketItem(EMMA, Quantity.of(2)));
    }

    private void assertAnsweredTheSame(Supplier<Basket> call) {
        Basket first = call.get();
        List<BasketItem> after = stored();
        assertThat(call.get()).isEqualTo(first);
        assertThat(stored()).isEqualTo(after);
    }

    private List<BasketItem> stored() {
        return api.baskets.get(new BuyerId(ada)).items();
    }
}

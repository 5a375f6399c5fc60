package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.DeleteBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.RemoveItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.SetItemRequest;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketServiceTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID ada = UUID.randomUUID();
    private final String adaToken = api.tokens.user(ada);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_basket_is_filled_changed_emptied_and_deleted() {
        var baskets = api.baskets(adaToken);
        assertThat(baskets.getBasket(GetBasketRequest.getDefaultInstance())
                        .getBasket()
                        .getItemsList())
                .isEmpty();

        baskets.addItem(add(DUNE, 2));
        var afterAdd = baskets.addItem(add(DUNE, 1)).getBasket();
        assertThat(afterAdd.getItemsList()).extracting(BasketServiceTest::line).containsExactly(item(DUNE, 3));
        assertThat(afterAdd.getBuyerId()).isEqualTo(ada.toString());

        baskets.addItem(add(EMMA, 1));
        var afterSet = baskets.setItem(
                        SetItemRequest.newBuilder().setItem(item(EMMA, 5)).build())
                .getBasket();
        assertThat(afterSet.getItemsList())
                .extracting(BasketServiceTest::line)
                .containsExactlyInAnyOrder(item(DUNE, 3), item(EMMA, 5));

        var afterRemove = baskets.removeItem(remove(DUNE)).getBasket();
        assertThat(afterRemove.getItemsList())
                .extracting(BasketServiceTest::line)
                .containsExactly(item(EMMA, 5));

        var replaced = baskets.replaceBasket(ReplaceBasketRequest.newBuilder()
                        .addItems(item(DUNE, 1))
                        .build())
                .getBasket();
        assertThat(replaced.getItemsList()).extracting(BasketServiceTest::line).containsExactly(item(DUNE, 1));

        baskets.deleteBasket(DeleteBasketRequest.getDefaultInstance());
        assertThat(api.baskets.get(new BuyerId(ada)).isEmpty()).isTrue();
    }

    @Test
    void each_buyer_sees_only_their_own_basket() {
        api.baskets(adaToken).addItem(add(DUNE, 2));
        var bob = api.tokens.user(UUID.randomUUID());
        assertThat(api.baskets(bob)
                        .getBasket(GetBasketRequest.getDefaultInstance())
                        .getBasket()
                        .getItemsList())
                .isEmpty();
        api.baskets(bob).deleteBasket(DeleteBasketRequest.getDefaultInstance());
        assertThat(api.baskets.get(new BuyerId(ada)).items()).hasSize(1);
    }

    @Test
    void caps_and_duplicates_are_refused_and_change_nothing() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 98));
        assertCode(Code.INVALID_ARGUMENT, () -> baskets.addItem(add(DUNE, 2)));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> baskets.replaceBasket(ReplaceBasketRequest.newBuilder()
                        .addItems(item(EMMA, 1))
                        .addItems(item(EMMA, 2))
                        .build()));
        assertCode(Code.INVALID_ARGUMENT, () -> baskets.addItem(AddItemRequest.getDefaultInstance()));
        assertThat(api.baskets.get(new BuyerId(ada)).items())
                .hasSize(1)
                .allSatisfy(line -> assertThat(line.quantity().value()).isEqualTo(98));
    }

    /** An answered line without its catalog details. */
    static BasketItem line(BasketItem item) {
        return item(BookId.parse(item.getBookId()), item.getQuantity());
    }

    static RemoveItemRequest remove(BookId book) {
        return RemoveItemRequest.newBuilder()
                .setRequestId("r-" + UUID.randomUUID())
                .setBookId(book.toString())
                .build();
    }

    static AddItemRequest add(BookId book, int quantity) {
        return AddItemRequest.newBuilder()
                .setRequestId("a-" + UUID.randomUUID())
                .setItem(item(book, quantity))
                .build();
    }

    static BasketItem item(BookId book, int quantity) {
        return BasketItem.newBuilder()
                .setBookId(book.toString())
                .setQuantity(quantity)
                .build();
    }
}

package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.add;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.item;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.line;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.usd;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import com.google.rpc.BadRequest;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.RemoveItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.SetItemRequest;
import org.bookworm.ordering.core.common.BuyerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Basket answers that say what happened (issue 12 item 4): NOT_FOUND, field violations, prices of a line. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketAnswersTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID ada = UUID.randomUUID();
    private final String adaToken = api.tokens.user(ada);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void setting_or_removing_a_book_that_is_not_in_the_basket_is_not_found_and_changes_nothing() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 1));

        var set = assertCode(
                Code.NOT_FOUND,
                () -> baskets.setItem(
                        SetItemRequest.newBuilder().setItem(item(EMMA, 2)).build()));
        var removed = assertCode(Code.NOT_FOUND, () -> baskets.removeItem(BasketServiceTest.remove(EMMA)));

        assertThat(set.getDescription()).isEqualTo("book " + EMMA + " is not in your basket: add it first");
        assertThat(removed.getDescription()).isEqualTo(set.getDescription());
        assertThat(api.baskets.get(new BuyerId(ada)).items()).hasSize(1);
    }

    @Test
    void a_replacement_with_bad_lines_names_every_bad_field_in_a_bad_request_detail() throws Exception {
        var bad = ReplaceBasketRequest.newBuilder()
                .addItems(item(DUNE, 1))
                .addItems(BasketItem.newBuilder().setBookId("not-a-uuid").setQuantity(0))
                .addItems(item(EMMA, 100))
                .addItems(item(DUNE, 2))
                .build();

        var failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                StatusRuntimeException.class, () -> api.baskets(adaToken).replaceBasket(bad));

        assertThat(failure.getStatus().getCode()).isEqualTo(Code.INVALID_ARGUMENT);
        var details = StatusProto.fromThrowable(failure);
        assertThat(details).isNotNull();
        BadRequest violations = details.getDetails(0).unpack(BadRequest.class);
        assertThat(violations.getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactly("items[1].book_id", "items[1].quantity", "items[2].quantity", "items[3].book_id");
        assertThat(violations.getFieldViolations(3).getDescription())
                .isEqualTo("book " + DUNE + " is listed twice (also items[0]): list each book once");
        assertThat(failure.getStatus().getDescription()).startsWith("4 invalid fields: items[1].book_id: ");
        assertThat(api.baskets.get(new BuyerId(ada)).isEmpty()).isTrue();
    }

    @Test
    void an_empty_replacement_empties_the_basket() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 2));

        var emptied =
                baskets.replaceBasket(ReplaceBasketRequest.getDefaultInstance()).getBasket();

        assertThat(emptied.getItemsList()).isEmpty();
        assertThat(emptied.hasTotal()).isFalse();
    }

    @Test
    void a_line_shows_its_list_price_and_its_sale_price_while_a_sale_applies() {
        var baskets = api.baskets(adaToken);
        baskets.addItem(add(DUNE, 1));
        var basket = baskets.addItem(add(EMMA, 2)).getBasket();

        var dune = basket.getItems(0);
        var emma = basket.getItems(1);
        assertThat(dune.getListPrice()).isEqualTo(usd(12, 500_000_000));
        assertThat(dune.hasSalePrice()).as("no sale on Dune").isFalse();
        assertThat(dune.getUnitPrice()).isEqualTo(dune.getListPrice());
        assertThat(emma.getListPrice()).isEqualTo(usd(9, 990_000_000));
        assertThat(emma.getSalePrice()).isEqualTo(usd(7, 0));
        assertThat(emma.getUnitPrice()).isEqualTo(usd(7, 0));
        assertThat(basket.getTotal()).isEqualTo(usd(26, 500_000_000));
        assertThat(line(emma)).isEqualTo(item(EMMA, 2));
    }

    @Test
    void add_item_and_remove_item_require_a_request_id() {
        var baskets = api.baskets(adaToken);
        var noId = add(DUNE, 1).toBuilder().clearRequestId().build();

        var add = assertCode(Code.INVALID_ARGUMENT, () -> baskets.addItem(noId));
        var remove = assertCode(
                Code.INVALID_ARGUMENT,
                () -> baskets.removeItem(RemoveItemRequest.newBuilder()
                        .setBookId(DUNE.toString())
                        .build()));

        assertThat(add.getDescription()).startsWith("request_id is required");
        assertThat(remove.getDescription()).startsWith("request_id is required");
        assertThat(baskets.getBasket(GetBasketRequest.getDefaultInstance())
                        .getBasket()
                        .getItemsList())
                .isEmpty();
    }
}

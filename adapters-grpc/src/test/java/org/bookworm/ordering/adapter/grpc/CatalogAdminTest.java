package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.BasketServiceTest.add;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.ReceiveStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.RetireBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.SetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Stock;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Issue 12 items 5 and 11: admins stock, read the stock of, and retire books through the API. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CatalogAdminTest {
    private static final BookId NOT_IN_CATALOG = BookId.parse("0192f0c8-0000-7000-8000-0000000000ff");
    private final ApiFixture api = new ApiFixture();
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void an_admin_reads_on_hand_held_and_available_stock() {
        api.bookworm.inventory.reserve(new OrderId(UUID.randomUUID()), List.of(new LineQuantity(DUNE, Quantity.of(4))));

        var stock = api.catalog(adminToken)
                .getStock(GetStockRequest.newBuilder()
                        .addBookIds(DUNE.toString())
                        .addBookIds(EMMA.toString())
                        .build())
                .getStockList();

        assertThat(stock).containsExactly(stock(DUNE, 1_000, 4, 996), stock(EMMA, 1_000, 0, 1_000));
    }

    @Test
    void a_stock_take_sets_what_is_on_hand_and_a_delivery_adds_to_it_once_per_request_id() {
        var catalog = api.catalog(adminToken);
        var counted = catalog.setStock(SetStockRequest.newBuilder()
                .setBookId(DUNE.toString())
                .setOnHand(7)
                .build());
        var delivery = ReceiveStockRequest.newBuilder()
                .setRequestId("delivery-42")
                .setBookId(DUNE.toString())
                .setCopies(5)
                .build();

        var received = catalog.receiveStock(delivery);
        var retried = catalog.receiveStock(delivery);

        assertThat(counted.getStock()).isEqualTo(stock(DUNE, 7, 0, 7));
        assertThat(received.getOnHand()).isEqualTo(12);
        assertThat(retried).isEqualTo(received);
        assertThat(api.bookworm.inventory.onHand(DUNE)).isEqualTo(12);
        var reused = assertCode(
                Code.FAILED_PRECONDITION,
                () -> catalog.receiveStock(delivery.toBuilder().setCopies(6).build()));
        assertThat(reused.getDescription())
                .isEqualTo("request id delivery-42 recorded another delivery: use a new request id per delivery");
    }

    @Test
    void stock_changes_are_refused_with_a_message_for_the_admin_and_change_nothing() {
        var catalog = api.catalog(adminToken);

        var unknown = assertCode(
                Code.NOT_FOUND,
                () -> catalog.setStock(SetStockRequest.newBuilder()
                        .setBookId(NOT_IN_CATALOG.toString())
                        .setOnHand(3)
                        .build()));
        var negative = assertCode(
                Code.INVALID_ARGUMENT,
                () -> catalog.setStock(SetStockRequest.newBuilder()
                        .setBookId(DUNE.toString())
                        .setOnHand(-1)
                        .build()));
        var none = assertCode(
                Code.INVALID_ARGUMENT,
                () -> catalog.receiveStock(ReceiveStockRequest.newBuilder()
                        .setRequestId("d-0")
                        .setBookId(DUNE.toString())
                        .build()));
        var noId = assertCode(
                Code.INVALID_ARGUMENT,
                () -> catalog.receiveStock(ReceiveStockRequest.newBuilder()
                        .setBookId(DUNE.toString())
                        .setCopies(2)
                        .build()));

        assertThat(unknown.getDescription())
                .isEqualTo("no book " + NOT_IN_CATALOG + " in the catalog: add it with PutBook first");
        assertThat(negative.getDescription()).isEqualTo("on_hand is 0 or more copies, not -1");
        assertThat(none.getDescription()).isEqualTo("a delivery brings 1 to 1000000 copies, not 0");
        assertThat(noId.getDescription()).startsWith("request_id is required");
        assertThat(api.bookworm.inventory.onHand(DUNE)).isEqualTo(1_000);
        assertThat(api.bookworm.inventory.onHand(NOT_IN_CATALOG)).isZero();
    }

    @Test
    void stock_and_catalog_changes_are_for_admins_only() {
        var user = api.catalog(api.tokens.user(UUID.randomUUID()));
        assertCode(
                Code.PERMISSION_DENIED,
                () -> user.getStock(
                        GetStockRequest.newBuilder().addBookIds(DUNE.toString()).build()));
        assertCode(
                Code.PERMISSION_DENIED,
                () -> user.retireBook(RetireBookRequest.newBuilder()
                        .setBookId(DUNE.toString())
                        .build()));
        assertCode(
                Code.PERMISSION_DENIED,
                () -> user.receiveStock(ReceiveStockRequest.newBuilder()
                        .setRequestId("d")
                        .setBookId(DUNE.toString())
                        .setCopies(1)
                        .build()));
        assertThat(api.catalog.books(List.of(DUNE)).get(DUNE).retired()).isFalse();
    }

    @Test
    void a_retired_book_keeps_its_orders_is_flagged_in_baskets_and_refused_at_checkout() {
        UUID ada = api.newBuyer();
        String adaToken = api.tokens.user(ada);
        api.baskets(adaToken).addItem(add(DUNE, 2));
        String before = api.orders(adaToken).placeOrder(place("before")).getOrderId();
        api.checkout();
        api.baskets(adaToken).addItem(add(DUNE, 1));

        var retired = api.catalog(adminToken)
                .retireBook(RetireBookRequest.newBuilder()
                        .setBookId(DUNE.toString())
                        .build());

        assertThat(retired.getBook().getRetired()).isTrue();
        var line = api.baskets(adaToken)
                .getBasket(GetBasketRequest.getDefaultInstance())
                .getBasket()
                .getItems(0);
        assertThat(line.getRetired()).isTrue();
        var refused =
                assertCode(Code.FAILED_PRECONDITION, () -> api.orders(adaToken).placeOrder(place("after")));
        assertThat(refused.getDescription())
                .isEqualTo("\"Dune\" (book " + DUNE + ") is no longer sold: remove it from the basket");
        var kept = api.orders(adaToken)
                .getOrder(GetOrderRequest.newBuilder().setOrderId(before).build())
                .getOrder();
        assertThat(kept.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CONFIRMED);
        assertThat(kept.getLinesList()).hasSize(1);
        assertThat(api.catalog(adminToken)
                        .getBooks(GetBooksRequest.newBuilder()
                                .addBookIds(DUNE.toString())
                                .build())
                        .getBooks(0)
                        .getRetired())
                .isTrue();
        assertCode(
                Code.NOT_FOUND,
                () -> api.catalog(adminToken)
                        .retireBook(RetireBookRequest.newBuilder()
                                .setBookId(NOT_IN_CATALOG.toString())
                                .build()));
    }

    private static PlaceOrderRequest place(String requestId) {
        return PlaceOrderRequest.newBuilder()
                .setRequestId(requestId)
                .setPaymentMethodToken("tok_approve")
                .build();
    }

    private static Stock stock(BookId book, int onHand, int held, int available) {
        return Stock.newBuilder()
                .setBookId(book.toString())
                .setOnHand(onHand)
                .setHeld(held)
                .setAvailable(available)
                .build();
    }
}

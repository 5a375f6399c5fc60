package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EURO_BOOK;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import com.google.protobuf.Timestamp;
import io.grpc.Status.Code;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Address;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Money;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CompleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderAsOfRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.LineRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderHistoryEntry;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderSummary;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ShipOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderResponse;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderingServiceTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID ada = api.newBuyer();
    private final String adaToken = api.tokens.user(ada);
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void placing_an_order_from_the_basket_prices_it_from_the_catalog_and_checkout_confirms_it() {
        String order = place(adaToken, "r-1", line(DUNE, 2), line(EMMA, 1));
        api.checkout();

        var placed = api.orders(adaToken)
                .getOrder(GetOrderRequest.newBuilder().setOrderId(order).build())
                .getOrder();
        assertThat(placed.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CONFIRMED);
        assertThat(placed.getBuyerId()).isEqualTo(ada.toString());
        assertThat(placed.getBuyerName()).isEqualTo("Ada Lovelace");
        assertThat(placed.getTotal()).isEqualTo(usd(32, 0)); // 2 x 12.50 + 7.00 (sale price)
        assertThat(placed.getLinesList()).hasSize(2);
        assertThat(placed.getLines(1).getUnitPrice()).isEqualTo(usd(7, 0));
        assertThat(placed.getShippingAddress().getCity()).isEqualTo("Seattle");
        assertThat(api.baskets.get(new BuyerId(ada)).isEmpty()).isTrue();
    }

    @Test
    void a_retry_with_the_same_request_id_answers_the_same_order_and_a_different_request_is_refused() {
        String first = place(adaToken, "r-1", line(DUNE, 1));
        String again = placeFromBasket(adaToken, "r-1", "tok_approve");
        assertThat(again).isEqualTo(first);
        int events = api.allEvents().size();

        var status = assertCode(Code.FAILED_PRECONDITION, () -> placeFromBasket(adaToken, "r-1", "tok_other_card"));
        assertThat(status.getDescription()).contains("different request");
        assertThat(api.allEvents()).hasSize(events);
    }

    @Test
    void a_buyer_without_a_profile_cannot_place_an_order() {
        String stranger = api.tokens.user(UUID.randomUUID());
        var status = assertCode(Code.FAILED_PRECONDITION, () -> place(stranger, "r-1", line(DUNE, 1)));
        assertThat(status.getDescription()).contains("buyer profile");
    }

    @Test
    void an_empty_basket_or_an_unknown_book_is_refused_and_writes_nothing() {
        int events = api.allEvents().size();
        var empty = assertCode(Code.FAILED_PRECONDITION, () -> placeFromBasket(adaToken, "r-1", "tok_approve"));
        assertThat(empty.getDescription()).contains("basket is empty");
        var unknown = BookId.parse("0192f0c8-0000-7000-8000-0000000000ff");
        var status = assertCode(Code.FAILED_PRECONDITION, () -> place(adaToken, "r-2", line(unknown, 1)));
        assertThat(status.getDescription()).contains("not in the catalog");
        assertThat(api.allEvents()).hasSize(events);
    }

    @Test
    void a_basket_in_two_currencies_is_invalid_and_writes_nothing() {
        int before = api.allEvents().size();
        assertCode(Code.INVALID_ARGUMENT, () -> place(adaToken, "r-1", line(DUNE, 1), line(EURO_BOOK, 1)));
        assertThat(api.allEvents()).hasSize(before);
    }

    @Test
    void another_buyers_order_is_not_found_whatever_the_call() {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        api.ordering.drain();
        String bob = api.tokens.user(api.newBuyer());
        var orders = api.orders(bob);

        assertCode(Code.NOT_FOUND, () -> orders.getOrder(get(order)));
        assertCode(Code.NOT_FOUND, () -> orders.getOrderHistory(history(order)));
        assertCode(Code.NOT_FOUND, () -> orders.getOrderAsOf(asOf(order, Instant.now())));
        assertCode(Code.NOT_FOUND, () -> orders.cancelOrder(cancel(order, "c-1")));
        assertCode(Code.NOT_FOUND, () -> orders.completeOrder(complete(order, "k-1")));
        assertCode(Code.NOT_FOUND, () -> orders.modifyOrder(changeQuantity(order, "m-1", DUNE, 3)));
        assertCode(Code.NOT_FOUND, () -> orders.watchOrder(watch(order)).next());
        assertThat(orders.listOrders(ListOrdersRequest.getDefaultInstance()).getOrdersList())
                .isEmpty();
    }

    @Test
    void an_unknown_order_is_not_found() {
        String unknown = UUID.randomUUID().toString();
        assertCode(Code.NOT_FOUND, () -> api.orders(adaToken).getOrder(get(unknown)));
        assertCode(Code.NOT_FOUND, () -> api.orders(adaToken).getOrderHistory(history(unknown)));
        assertCode(Code.NOT_FOUND, () -> api.orders(adminToken).shipOrder(ship(unknown)));
    }

    @Test
    void listing_shows_the_callers_orders_filtered_by_status_and_paged() {
        String first = place(adaToken, "r-1", line(DUNE, 1));
        api.checkout(); // confirmation clears the basket for the next order
        place(adaToken, "r-2", line(EMMA, 1));
        api.checkout();
        place(adaToken, "r-3", line(DUNE, 3));
        place(api.tokens.user(api.newBuyer()), "r-1", line(DUNE, 1));
        api.orders(adaToken).cancelOrder(cancel(first, "c-1"));
        api.checkout();
        var orders = api.orders(adaToken);

        var all = new ArrayList<OrderSummary>();
        var page =
                orders.listOrders(ListOrdersRequest.newBuilder().setPageSize(2).build());
        all.addAll(page.getOrdersList());
        assertThat(page.getNextPageToken()).isNotEmpty();
        page = orders.listOrders(ListOrdersRequest.newBuilder()
                .setPageSize(2)
                .setPageToken(page.getNextPageToken())
                .build());
        all.addAll(page.getOrdersList());
        assertThat(all)
                .hasSize(3)
                .allSatisfy(summary -> assertThat(summary.getBuyerId()).isEqualTo(ada.toString()));

        var cancelled = orders.listOrders(ListOrdersRequest.newBuilder()
                .setStatus(OrderStatus.ORDER_STATUS_CANCELLED)
                .build());
        assertThat(cancelled.getOrdersList())
                .extracting(OrderSummary::getOrderId)
                .containsExactly(first);

        var everyone = api.orders(adminToken).listOrders(ListOrdersRequest.getDefaultInstance());
        assertThat(everyone.getOrdersList()).hasSize(4);
        var adaOnly = api.orders(adminToken)
                .listOrders(ListOrdersRequest.newBuilder()
                        .setBuyerId(ada.toString())
                        .build());
        assertThat(adaOnly.getOrdersList()).hasSize(3);
    }

    @Test
    void modifying_changes_quantities_and_address_but_never_removes_the_last_line() {
        String order = place(adaToken, "r-1", line(DUNE, 1), line(EMMA, 1));
        var orders = api.orders(adaToken);
        var early =
                assertCode(Code.FAILED_PRECONDITION, () -> orders.modifyOrder(changeQuantity(order, "m-0", DUNE, 3)));
        assertThat(early.getDescription()).contains("not confirmed yet");
        api.checkout();

        assertThat(orders.modifyOrder(changeQuantity(order, "m-1", DUNE, 3)).getVersion())
                .isEqualTo(3);
        orders.modifyOrder(ModifyOrderRequest.newBuilder()
                .setRequestId("m-2")
                .setOrderId(order)
                .setRemoveBookId(EMMA.toString())
                .build());
        orders.modifyOrder(ModifyOrderRequest.newBuilder()
                .setRequestId("m-3")
                .setOrderId(order)
                .setChangeShippingAddress(address("2 Side St", "Portland", "OR"))
                .build());
        assertCode(
                Code.FAILED_PRECONDITION,
                () -> orders.modifyOrder(ModifyOrderRequest.newBuilder()
                        .setRequestId("m-4")
                        .setOrderId(order)
                        .setRemoveBookId(DUNE.toString())
                        .build()));
        assertCode(Code.FAILED_PRECONDITION, () -> orders.modifyOrder(changeQuantity(order, "m-5", EMMA, 2)));
        api.ordering.drain();

        var modified = orders.getOrder(get(order)).getOrder();
        assertThat(modified.getLinesList())
                .singleElement()
                .satisfies(line -> assertThat(line.getQuantity()).isEqualTo(3));
        assertThat(modified.getTotal()).isEqualTo(usd(37, 500_000_000));
        assertThat(modified.getShippingAddress().getCity()).isEqualTo("Portland");
    }

    @Test
    void cancelling_twice_is_refused_as_not_allowed() {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        var orders = api.orders(adaToken);
        orders.cancelOrder(cancel(order, "c-1"));
        var status = assertCode(Code.FAILED_PRECONDITION, () -> orders.cancelOrder(cancel(order, "c-2")));
        assertThat(status.getDescription()).isEqualTo("cannot cancel a Cancelled order");
    }

    @Test
    void shipping_and_deleting_are_for_admins_only() {
        String order = confirmedOrder();
        int events = api.allEvents().size();
        assertCode(Code.PERMISSION_DENIED, () -> api.orders(adaToken).shipOrder(ship(order)));
        assertCode(Code.PERMISSION_DENIED, () -> api.orders(adaToken).deleteOrder(delete(order)));
        assertThat(api.allEvents()).hasSize(events);
    }

    @Test
    void an_order_ships_in_parts_then_completes_and_its_history_tells_the_story() {
        String order = confirmedOrder();
        var admin = api.orders(adminToken);

        assertCode(
                Code.FAILED_PRECONDITION,
                () -> admin.shipOrder(
                        ship(order).toBuilder().addLines(line(DUNE, 3)).build()));
        admin.shipOrder(ship(order).toBuilder().addLines(line(DUNE, 1)).build());
        admin.shipOrder(ship(order));
        api.orders(adaToken).completeOrder(complete(order, "k-1"));

        var events = api.orders(adaToken).getOrderHistory(history(order)).getEventsList();
        assertThat(events)
                .extracting(OrderHistoryEntry::getEventType)
                .containsExactly("OrderPlaced", "OrderConfirmed", "ItemsShipped", "ItemsShipped", "OrderCompleted");
        assertThat(events).extracting(OrderHistoryEntry::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).getActor()).isEqualTo(ada.toString());
    }

    @Test
    void the_history_tells_who_acted_for_which_request_on_whose_behalf_and_what_caused_each_step() {
        UUID adminId = UUID.randomUUID();
        String order = place(adaToken, "r-1", line(DUNE, 2));
        api.checkout();
        api.orders(api.tokens.admin(adminId))
                .shipOrder(ship(order).toBuilder().setRequestId("s-1").build());

        var events = api.orders(adaToken).getOrderHistory(history(order)).getEventsList();
        var checkout = api.finance(adaToken)
                .getCheckoutHistory(
                        GetCheckoutHistoryRequest.newBuilder().setOrderId(order).build())
                .getEventsList();

        assertThat(events)
                .extracting(OrderHistoryEntry::getEventType)
                .containsExactly("OrderPlaced", "OrderConfirmed", "ItemsShipped");
        var placed = events.get(0);
        String correlation = placed.getCorrelationId();
        assertThat(UUID.fromString(correlation)).isNotNull();
        assertThat(placed.getActor()).isEqualTo(ada.toString());
        assertThat(placed.getActorRolesList()).containsExactly("user");
        assertThat(placed.getRequestId()).isEqualTo("r-1");
        assertThat(placed.getCausationId()).isEmpty();
        assertThat(placed.getOnBehalfOf()).isEmpty();

        assertThat(checkout.get(0).getEventType()).isEqualTo("CheckoutRequested");
        assertThat(checkout.get(0).getActor()).isEqualTo(ada.toString());
        assertThat(checkout.get(0).getRequestId()).isEqualTo("r-1");
        assertThat(checkout)
                .allSatisfy(step -> assertThat(step.getCorrelationId()).isEqualTo(correlation));
        assertThat(checkout.subList(1, checkout.size())).allSatisfy(step -> {
            assertThat(step.getActor()).isEqualTo("service:finance");
            assertThat(step.getActorRolesList()).containsExactly("system");
            assertThat(step.getRequestId()).isEmpty();
            assertThat(step.getCausationId()).isNotEmpty();
        });
        assertThat(checkout.get(1).getCausationId()).isEqualTo(placed.getEventId());

        var confirmed = events.get(1);
        assertThat(confirmed.getActor()).isEqualTo("service:finance");
        assertThat(confirmed.getCorrelationId()).isEqualTo(correlation);
        assertThat(confirmed.getCausationId())
                .isEqualTo(checkout.stream()
                        .filter(step -> step.getEventType().equals("CheckoutConfirmed"))
                        .findFirst()
                        .orElseThrow()
                        .getEventId());

        var shipped = events.get(2);
        assertThat(shipped.getActor()).isEqualTo(adminId.toString());
        assertThat(shipped.getActorRolesList()).contains("admin");
        assertThat(shipped.getRequestId()).isEqualTo("s-1");
        assertThat(shipped.getOnBehalfOf()).isEqualTo(ada.toString());
        assertThat(shipped.getCausationId()).isEmpty();
        assertThat(shipped.getCorrelationId()).isNotEqualTo(correlation);
        assertThat(UUID.fromString(shipped.getCorrelationId())).isNotNull();
    }

    @Test
    void completing_a_placed_order_is_not_allowed() {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        assertCode(Code.FAILED_PRECONDITION, () -> api.orders(adaToken).completeOrder(complete(order, "k-1")));
    }

    @Test
    void a_deleted_order_is_gone_for_its_buyer_but_its_history_stays_for_admins() {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        assertCode(Code.FAILED_PRECONDITION, () -> api.orders(adminToken).deleteOrder(delete(order)));
        api.orders(adaToken).cancelOrder(cancel(order, "c-1"));
        api.orders(adminToken).deleteOrder(delete(order));
        api.ordering.drain();

        assertCode(Code.NOT_FOUND, () -> api.orders(adaToken).getOrder(get(order)));
        assertCode(Code.NOT_FOUND, () -> api.orders(adaToken).getOrderHistory(history(order)));
        assertThat(api.orders(adminToken).getOrderHistory(history(order)).getEventsList())
                .hasSize(3);
    }

    @Test
    void the_order_as_of_an_instant_is_what_it_was_then() throws InterruptedException {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        api.orders(adaToken).cancelOrder(cancel(order, "c-1"));

        var then = api.orders(adaToken).getOrderAsOf(asOf(order, between)).getOrder();
        assertThat(then.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PLACED);
        var now = api.orders(adaToken).getOrderAsOf(asOf(order, Instant.now())).getOrder();
        assertThat(now.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELLED);
        assertCode(Code.NOT_FOUND, () -> api.orders(adaToken).getOrderAsOf(asOf(order, between.minusSeconds(3600))));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.orders(adaToken)
                        .getOrderAsOf(GetOrderAsOfRequest.newBuilder()
                                .setOrderId(order)
                                .build()));
    }

    @Test
    void watching_an_order_streams_each_status_until_a_terminal_one() {
        String order = place(adaToken, "r-1", line(DUNE, 1));
        var stream = api.orders(adaToken).watchOrder(watch(order));
        assertThat(stream.next().getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PLACED);

        api.checkout();
        assertThat(stream.next().getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CONFIRMED);
        api.orders(adminToken).shipOrder(ship(order));
        assertThat(stream.next().getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_SHIPPED);
        api.orders(adaToken).completeOrder(complete(order, "k-1"));

        WatchOrderResponse last = stream.next();
        assertThat(last.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_COMPLETED);
        assertThat(last.getVersion()).isEqualTo(4);
        assertThat(stream.hasNext()).isFalse();
    }

    private String confirmedOrder() {
        String order = place(adaToken, "r-1", line(DUNE, 2));
        api.checkout();
        var state = api.ordering
                .orders
                .load(Caller.buyer(new BuyerId(ada)), OrderId.parse(order))
                .state();
        assertThat(state).isInstanceOf(OrderState.Confirmed.class);
        return order;
    }

    /** Fills the caller's basket with {@code lines}, then places an order from it. */
    private String place(String token, String requestId, LineRequest... lines) {
        var basket = ReplaceBasketRequest.newBuilder();
        for (LineRequest line : lines) {
            basket.addItems(BasketItem.newBuilder().setBookId(line.getBookId()).setQuantity(line.getQuantity()));
        }
        api.baskets(token).replaceBasket(basket.build());
        return placeFromBasket(token, requestId, "tok_approve");
    }

    private String placeFromBasket(String token, String requestId, String paymentToken) {
        return api.orders(token)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId(requestId)
                        .setPaymentMethodToken(paymentToken)
                        .build())
                .getOrderId();
    }

    static LineRequest line(BookId book, int quantity) {
        return LineRequest.newBuilder()
                .setBookId(book.toString())
                .setQuantity(quantity)
                .build();
    }

    static Money usd(long units, int nanos) {
        return Money.newBuilder()
                .setCurrencyCode("USD")
                .setUnits(units)
                .setNanos(nanos)
                .build();
    }

    static Address address(String street, String city, String province) {
        return Address.newBuilder()
                .setStreet(street)
                .setCity(city)
                .setProvince(province)
                .build();
    }

    private static GetOrderRequest get(String order) {
        return GetOrderRequest.newBuilder().setOrderId(order).build();
    }

    private static GetOrderHistoryRequest history(String order) {
        return GetOrderHistoryRequest.newBuilder().setOrderId(order).build();
    }

    private static GetOrderAsOfRequest asOf(String order, Instant at) {
        return GetOrderAsOfRequest.newBuilder()
                .setOrderId(order)
                .setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
    }

    private static CancelOrderRequest cancel(String order, String requestId) {
        return CancelOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }

    private static CompleteOrderRequest complete(String order, String requestId) {
        return CompleteOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }

    private static ShipOrderRequest ship(String order) {
        return ShipOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId("s-" + UUID.randomUUID())
                .build();
    }

    private static DeleteOrderRequest delete(String order) {
        return DeleteOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId("d-1")
                .build();
    }

    private static WatchOrderRequest watch(String order) {
        return WatchOrderRequest.newBuilder().setOrderId(order).build();
    }

    static ModifyOrderRequest changeQuantity(String order, String requestId, BookId book, int quantity) {
        return ModifyOrderRequest.newBuilder()
                .setRequestId(requestId)
                .setOrderId(order)
                .setChangeQuantity(line(book, quantity))
                .build();
    }
}

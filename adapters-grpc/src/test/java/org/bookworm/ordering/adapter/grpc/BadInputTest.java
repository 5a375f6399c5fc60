package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.address;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.line;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.StockStatus;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Address;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Money;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.LineRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ShipOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressRequest;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY.md section 8, the bad-input table: each case gets its documented status and changes nothing (no event,
 * no basket change, no catalog change). Size limits need the real transport: {@code GrpcServerTest}.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BadInputTest {
    private static final BookId NEW_BOOK = BookId.parse("0192f0c8-0000-7000-8000-000000000010");

    private final ApiFixture api = new ApiFixture();
    private final UUID adaId = api.newBuyer();
    private final Given given = new Given(api, adaId);

    /** An existing buyer (Ada) with one placed order and a basket, a second buyer (Bob) and an admin. */
    record Given(ApiFixture api, UUID ada, String adaToken, String bobToken, String adminToken, String order) {
        Given(ApiFixture api, UUID ada) {
            this(
                    api,
                    ada,
                    api.tokens.user(ada),
                    api.tokens.user(api.newBuyer()),
                    api.tokens.admin(UUID.randomUUID()),
                    placeFirstOrder(api, api.tokens.user(ada)));
        }

        private static String placeFirstOrder(ApiFixture api, String token) {
            api.baskets(token).addItem(BasketServiceTest.add(DUNE, 2));
            return api.orders(token).placeOrder(placeRequest("r-1")).getOrderId();
        }
    }

    record Case(String name, Code expected, Consumer<Given> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    @AfterEach
    void close() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_input_gets_its_status_and_changes_nothing(Case bad) {
        int events = api.allEvents().size();
        var basket = api.baskets.get(new BuyerId(adaId));

        assertCode(bad.expected(), () -> bad.call().accept(given));

        assertThat(api.allEvents()).as("events after " + bad.name()).hasSize(events);
        assertThat(api.baskets.get(new BuyerId(adaId))).isEqualTo(basket);
        assertThat(api.catalog.books(List.of(NEW_BOOK))).isEmpty();
    }

    @Test
    void valid_but_unusual_text_round_trips_byte_for_byte() {
        var odd = address("1 Main St 📚 ${jndi:ldap://x/y} %n", "Zürich'; DROP TABLE orders;--", "<script>WA</script>");
        api.buyers(given.adaToken())
                .updateBuyerAddress(
                        UpdateBuyerAddressRequest.newBuilder().setAddress(odd).build());
        var stored = api.buyers(given.adaToken())
                .getBuyer(GetBuyerRequest.getDefaultInstance())
                .getBuyer()
                .getAddress();
        assertThat(stored).isEqualTo(odd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void a_body_that_is_not_protobuf_is_invalid_argument_with_the_reason_and_no_log(Case bad) {
        int events = api.allEvents().size();
        var warnings = RawCalls.warningsDuring(() -> {
            var status = assertCode(bad.expected(), () -> bad.call().accept(given));
            assertThat(status.getDescription()).startsWith("the PlaceOrder request is not a valid protobuf message: ");
        });
        assertThat(warnings).as("log records at WARNING or above").isEmpty();
        assertThat(api.allEvents()).hasSize(events);
    }

    static Stream<Case> malformedBodies() {
        byte[] valid = placeRequest("r-3").toByteArray();
        // request_id (field 1, length-delimited) holding 0xC3 0x28, which is not UTF-8
        byte[] invalidUtf8 = {0x0A, 0x02, (byte) 0xC3, 0x28};
        return Stream.of(
                rawPlace("truncated length", java.util.Arrays.copyOf(valid, valid.length - 3)),
                rawPlace("length past the end", new byte[] {0x0A, 0x7F, 0x41}),
                rawPlace("invalid UTF-8 in a string field", invalidUtf8),
                rawPlace("200 levels of nesting", RawCalls.nestedGroups(200)));
    }

    private static Case rawPlace(String name, byte[] body) {
        return new Case(
                name,
                Code.INVALID_ARGUMENT,
                g -> RawCalls.unary(
                        g.api().channel(),
                        org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc.getPlaceOrderMethod(),
                        g.adaToken(),
                        body));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "9 KiB authorization header",
                        Code.UNAUTHENTICATED,
                        g -> g.api().orders("x".repeat(9 * 1024)).placeOrder(placeRequest("r-9"))),
                placeLines("quantity 0", Code.INVALID_ARGUMENT, line(DUNE, 0)),
                placeLines("quantity -1", Code.INVALID_ARGUMENT, line(DUNE, -1)),
                placeLines("quantity MIN_VALUE", Code.INVALID_ARGUMENT, line(DUNE, Integer.MIN_VALUE)),
                placeLines("quantity MAX_VALUE", Code.INVALID_ARGUMENT, line(DUNE, Integer.MAX_VALUE)),
                placeLines("quantity cap + 1", Code.INVALID_ARGUMENT, line(DUNE, 100)),
                placeLines("101 lines", Code.INVALID_ARGUMENT, distinctLines(101)),
                placeLines("2000 lines", Code.INVALID_ARGUMENT, distinctLines(2000)),
                placeLines("duplicate book ids", Code.INVALID_ARGUMENT, line(DUNE, 1), line(DUNE, 2)),
                placeLines("empty book id", Code.INVALID_ARGUMENT, rawLine("", 1)),
                placeLines("malformed book id", Code.INVALID_ARGUMENT, rawLine("not-a-uuid", 1)),
                placeLines("nil book id", Code.INVALID_ARGUMENT, rawLine("00000000-0000-0000-0000-000000000000", 1)),
                placeLines("10 KB book id", Code.INVALID_ARGUMENT, rawLine("a".repeat(10_000), 1)),
                new Case("missing request id", Code.INVALID_ARGUMENT, g -> place(g, "", "tok_approve")),
                new Case("256-char request id", Code.INVALID_ARGUMENT, g -> place(g, "r".repeat(256), "tok_approve")),
                new Case("request id with a NUL", Code.INVALID_ARGUMENT, g -> place(g, "r\u0000", "tok_approve")),
                new Case("missing payment method", Code.INVALID_ARGUMENT, g -> place(g, "r-2", "")),
                new Case("payment method with a space", Code.INVALID_ARGUMENT, g -> place(g, "r-2", "tok approve")),
                new Case(
                        "reused request id, other request",
                        Code.FAILED_PRECONDITION,
                        g -> place(g, "r-1", "tok_another_card")),
                new Case("NUL in an address", Code.INVALID_ARGUMENT, g -> moveTo(g, address("1\u0000", "B", "C"))),
                new Case(
                        "right-to-left override in an address",
                        Code.INVALID_ARGUMENT,
                        g -> moveTo(g, address("1 \u202E St", "B", "C"))),
                new Case(
                        "zero-width space in an address",
                        Code.INVALID_ARGUMENT,
                        g -> moveTo(g, address("1\u200B St", "B", "C"))),
                new Case(
                        "CRLF in an e-mail address",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .buyers(g.bobToken())
                                .createBuyer(CreateBuyerRequest.newBuilder()
                                        .setRequestId("b-1")
                                        .setName("Bob")
                                        .setEmail("bob@example.com\r\nBcc: all@example.com")
                                        .setAddress(address("1 A St", "B", "C"))
                                        .build())),
                new Case(
                        "CreateBuyer without a request id",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .buyers(g.bobToken())
                                .createBuyer(CreateBuyerRequest.newBuilder()
                                        .setName("Bob")
                                        .setAddress(address("1 A St", "B", "C"))
                                        .build())),
                cleanUpAfter("clean-up age of Long.MAX_VALUE seconds", Long.MAX_VALUE, 0),
                cleanUpAfter("clean-up age of Long.MIN_VALUE seconds", Long.MIN_VALUE, 0),
                cleanUpAfter("clean-up age of Long.MIN_VALUE seconds and -1 nanos", Long.MIN_VALUE, -1),
                cleanUpAfter("clean-up age with negative nanos", 7L * 24 * 3600, -1),
                cleanUpAfter("clean-up age with 1e9 nanos", 7L * 24 * 3600, 1_000_000_000),
                cleanUpAfter("clean-up age over 100 years", 36_526L * 24 * 3600, 0),
                cleanUpAfter("clean-up age under the retention", 60, 0),
                new Case(
                        "resend of a malformed e-mail id",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .notifications(g.adminToken())
                                .resendFailedEmails(ResendFailedEmailsRequest.newBuilder()
                                        .setRequestId("r-1")
                                        .addEmailIds("'; DROP TABLE notification.email_outbox;--")
                                        .build())),
                new Case(
                        "201-character street",
                        Code.INVALID_ARGUMENT,
                        g -> moveTo(g, address("s".repeat(201), "B", "C"))),
                new Case("empty order id", Code.INVALID_ARGUMENT, g -> get(g, "")),
                new Case("malformed order id", Code.INVALID_ARGUMENT, g -> get(g, "12345")),
                new Case("nil order id", Code.INVALID_ARGUMENT, g -> get(g, "00000000-0000-0000-0000-000000000000")),
                new Case(
                        "unknown status filter",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adaToken())
                                .listOrders(ListOrdersRequest.newBuilder()
                                        .setStatusValue(99)
                                        .build())),
                new Case(
                        "negative page size",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adaToken())
                                .listOrders(ListOrdersRequest.newBuilder()
                                        .setPageSize(-1)
                                        .build())),
                new Case(
                        "modify with no change",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adaToken())
                                .modifyOrder(ModifyOrderRequest.newBuilder()
                                        .setRequestId("m-1")
                                        .setOrderId(g.order())
                                        .build())),
                new Case(
                        "modify to quantity 0",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adaToken())
                                .modifyOrder(OrderingServiceTest.changeQuantity(g.order(), "m-1", DUNE, 0))),
                new Case(
                        "ship duplicate lines",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adminToken())
                                .shipOrder(ShipOrderRequest.newBuilder()
                                        .setRequestId("s-1")
                                        .setOrderId(g.order())
                                        .addLines(line(DUNE, 1))
                                        .addLines(line(DUNE, 1))
                                        .build())),
                new Case(
                        "ship without a request id",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .orders(g.adminToken())
                                .shipOrder(ShipOrderRequest.newBuilder()
                                        .setOrderId(g.order())
                                        .build())),
                listOrders("page token of a forged far-future position", g -> forgedToken(g, "9000000000000000", "0")),
                listOrders("page token of a forged far-past position", g -> forgedToken(g, "-9000000000000000", "0")),
                listOrders("page token with negative nanoseconds", g -> forgedToken(g, "1767225600", "-1")),
                listOrders("page token with 20-digit seconds", g -> forgedToken(g, "99999999999999999999", "0")),
                listOrders("page token of another filter", g -> token("*/*|1767225600|0|" + g.order())),
                listOrders("page token with a nil order id", g -> forgedToken(g, "1767225600", "0", new UUID(0, 0))),
                listOrders("page token with three fields", g -> token(g.ada() + "/*|1767225600|0")),
                listOrders("page token that is not Base64", g -> "not base64!"),
                listOrders("page token of 201 characters", g -> "A".repeat(201)),
                new Case(
                        "basket item missing",
                        Code.INVALID_ARGUMENT,
                        g -> g.api().baskets(g.adaToken()).addItem(AddItemRequest.getDefaultInstance())),
                new Case(
                        "basket quantity over the cap",
                        Code.INVALID_ARGUMENT,
                        g -> g.api().baskets(g.adaToken()).addItem(BasketServiceTest.add(DUNE, 98))),
                putPrice("negative money", money("USD", -1, 0)),
                putPrice("nanos of the other sign", money("USD", 1, -500_000_000)),
                putPrice("nanos of 1e9", money("USD", 1, 1_000_000_000)),
                putPrice("over-precise money", money("USD", 1, 1_000_000)),
                putPrice("Long.MAX_VALUE money", money("USD", Long.MAX_VALUE, 0)),
                putPrice("empty currency", money("", 1, 0)),
                putPrice("lower-case currency", money("usd", 1, 0)),
                putPrice("four-letter currency", money("XXXX", 1, 0)),
                putPrice("unknown currency", money("QQQ", 1, 0)),
                new Case(
                        "unspecified stock status",
                        Code.INVALID_ARGUMENT,
                        g -> g.api()
                                .catalog(g.adminToken())
                                .putBook(PutBookRequest.newBuilder()
                                        .setBook(newBook(money("USD", 1, 0)).toBuilder()
                                                .setStockStatus(StockStatus.STOCK_STATUS_UNSPECIFIED))
                                        .build())),
                token("forged token", g -> g.api().tokens.forged(g.ada())),
                token("alg none token", g -> g.api().tokens.unsigned(g.ada())),
                token(
                        "expired token",
                        g -> g.api()
                                .tokens
                                .userWith(
                                        g.ada(),
                                        c -> c.expirationTime(
                                                Date.from(Instant.now().minus(Duration.ofMinutes(2)))))),
                token("wrong-audience token", g -> g.api().tokens.userWith(g.ada(), c -> c.audience("other"))),
                new Case(
                        "another buyer cancels",
                        Code.NOT_FOUND,
                        g -> g.api()
                                .orders(g.bobToken())
                                .cancelOrder(CancelOrderRequest.newBuilder()
                                        .setRequestId("c-1")
                                        .setOrderId(g.order())
                                        .build())),
                new Case(
                        "another buyer modifies",
                        Code.NOT_FOUND,
                        g -> g.api()
                                .orders(g.bobToken())
                                .modifyOrder(OrderingServiceTest.changeQuantity(g.order(), "m-1", DUNE, 1))),
                new Case(
                        "a buyer calls an admin method",
                        Code.PERMISSION_DENIED,
                        g -> g.api()
                                .orders(g.adaToken())
                                .shipOrder(ShipOrderRequest.newBuilder()
                                        .setRequestId("s-1")
                                        .setOrderId(g.order())
                                        .build())));
    }

    /** CleanUpSentEmails with this age: refused as INVALID_ARGUMENT with a message, nothing deleted. */
    private static Case cleanUpAfter(String name, long seconds, int nanos) {
        return new Case(name, Code.INVALID_ARGUMENT, g -> {
            var status = Statuses.assertCode(
                    Code.INVALID_ARGUMENT,
                    () -> g.api()
                            .notifications(g.adminToken())
                            .cleanUpSentEmails(CleanUpSentEmailsRequest.newBuilder()
                                    .setRequestId("c-1")
                                    .setSentBeforeAge(com.google.protobuf.Duration.newBuilder()
                                            .setSeconds(seconds)
                                            .setNanos(nanos))
                                    .build()));
            assertThat(status.getDescription()).as(name).isNotBlank();
            throw status.asRuntimeException();
        });
    }

    @Test
    void every_page_token_the_server_did_not_give_is_an_invalid_page_token() {
        cases().filter(bad -> bad.name().startsWith("page token")).forEach(bad -> {
            var status = assertCode(Code.INVALID_ARGUMENT, () -> bad.call().accept(given));
            assertThat(status.getDescription()).as(bad.name()).startsWith("invalid page token");
        });
    }

    /** ListOrders by Ada with the page token {@code token} makes of the given world. */
    private static Case listOrders(String name, java.util.function.Function<Given, String> token) {
        return new Case(
                name,
                Code.INVALID_ARGUMENT,
                g -> g.api()
                        .orders(g.adaToken())
                        .listOrders(ListOrdersRequest.newBuilder()
                                .setPageToken(token.apply(g))
                                .build()));
    }

    /** A token in the server's own format and of Ada's own filter, at a position of the forger's choosing. */
    private static String forgedToken(Given g, String seconds, String nanos) {
        return forgedToken(g, seconds, nanos, UUID.fromString(g.order()));
    }

    private static String forgedToken(Given g, String seconds, String nanos, UUID order) {
        return token(g.ada() + "/*|" + seconds + "|" + nanos + "|" + order);
    }

    private static String token(String raw) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Basket lines are where quantities and book ids arrive now that orders are placed from the basket. */
    private static Case placeLines(String name, Code expected, LineRequest... lines) {
        return new Case(name, expected, g -> {
            var basket = ReplaceBasketRequest.newBuilder();
            for (LineRequest line : lines) {
                basket.addItems(
                        BasketItem.newBuilder().setBookId(line.getBookId()).setQuantity(line.getQuantity()));
            }
            g.api().baskets(g.adaToken()).replaceBasket(basket.build());
        });
    }

    private static Case putPrice(String name, Money price) {
        return new Case(
                name,
                Code.INVALID_ARGUMENT,
                g -> g.api()
                        .catalog(g.adminToken())
                        .putBook(PutBookRequest.newBuilder()
                                .setBook(newBook(price))
                                .build()));
    }

    private static Case token(String name, java.util.function.Function<Given, String> token) {
        return new Case(
                name, Code.UNAUTHENTICATED, g -> g.api().orders(token.apply(g)).placeOrder(placeRequest("r-9")));
    }

    private static PlaceOrderRequest placeRequest(String requestId) {
        return PlaceOrderRequest.newBuilder()
                .setRequestId(requestId)
                .setPaymentMethodToken("tok_approve")
                .build();
    }

    private static void place(Given g, String requestId, String paymentToken) {
        g.api()
                .orders(g.adaToken())
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId(requestId)
                        .setPaymentMethodToken(paymentToken)
                        .build());
    }

    private static void moveTo(Given g, Address address) {
        g.api()
                .buyers(g.adaToken())
                .updateBuyerAddress(UpdateBuyerAddressRequest.newBuilder()
                        .setAddress(address)
                        .build());
    }

    private static void get(Given g, String order) {
        g.api()
                .orders(g.adaToken())
                .getOrder(GetOrderRequest.newBuilder().setOrderId(order).build());
    }

    private static LineRequest rawLine(String book, int quantity) {
        return LineRequest.newBuilder().setBookId(book).setQuantity(quantity).build();
    }

    private static LineRequest[] distinctLines(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> line(new BookId(new UUID(0x0192f0c800007000L, 0x8000000000000000L + i + 1)), 1))
                .toArray(LineRequest[]::new);
    }

    private static Money money(String currency, long units, int nanos) {
        return Money.newBuilder()
                .setCurrencyCode(currency)
                .setUnits(units)
                .setNanos(nanos)
                .build();
    }

    private static Book newBook(Money price) {
        return Book.newBuilder()
                .setBookId(NEW_BOOK.toString())
                .setTitle("Ulysses")
                .setPrice(price)
                .setStockStatus(StockStatus.STOCK_STATUS_IN_STOCK)
                .build();
    }
}

package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.LineRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderRequest;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.InvalidPageToken;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PageToken;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * Proto to domain. Every method validates what the client sent and throws {@link IllegalArgumentException} with a
 * message a person can act on (mapped to {@code INVALID_ARGUMENT}), before anything is read or written.
 */
final class Wire {
    static final int MAX_LINES = Basket.MAX_ITEMS;
    private static final int NANOS_PER_UNIT = 1_000_000_000;

    private Wire() {}

    static OrderId orderId(String text) {
        return OrderId.parse(text);
    }

    static BookId bookId(String text) {
        return BookId.parse(text);
    }

    static BuyerId buyerId(String text) {
        return BuyerId.parse(text);
    }

    static Quantity quantity(int value) {
        return Quantity.of(value);
    }

    /** A request id is required on requests that create or change something that can be retried. */
    static String requestId(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("request_id is required: send a new unique id per request");
        }
        return IdempotencyRecord.requireValidKey(text);
    }

    static @Nullable String optionalRequestId(String text) {
        return text.isEmpty() ? null : IdempotencyRecord.requireValidKey(text);
    }

    static Address address(boolean present, org.bookworm.ordering.adapter.grpc.proto.common.v1.Address address) {
        if (!present) {
            throw new IllegalArgumentException("an address is required");
        }
        return new Address(address.getStreet(), address.getCity(), address.getProvince());
    }

    static PaymentMethod paymentMethod(String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("payment_method_token is required");
        }
        return new PaymentMethod(token);
    }

    static PersonName name(String text) {
        return new PersonName(text);
    }

    static EmailAddress email(String text) {
        return new EmailAddress(text);
    }

    /** Units + nanos, both of the same sign and never negative, no finer than the currency's minor unit. */
    static Money money(org.bookworm.ordering.adapter.grpc.proto.common.v1.Money money) {
        var currency = Money.currency(money.getCurrencyCode());
        if (money.getUnits() < 0 || money.getNanos() < 0) {
            throw new Money.InvalidMoney("an amount cannot be negative");
        }
        if (money.getNanos() >= NANOS_PER_UNIT) {
            throw new Money.InvalidMoney("nanos must be below 1000000000, not " + money.getNanos());
        }
        var amount = BigDecimal.valueOf(money.getUnits()).add(BigDecimal.valueOf(money.getNanos(), 9));
        return Money.of(amount, currency);
    }

    /** 1 to 100 lines, each book at most once (duplicates are refused, never merged). */
    static List<LineQuantity> lines(List<LineRequest> lines, String what) {
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException(what + " has at most " + MAX_LINES + " lines, not " + lines.size());
        }
        var parsed = new ArrayList<LineQuantity>(lines.size());
        for (LineRequest line : lines) {
            parsed.add(new LineQuantity(bookId(line.getBookId()), quantity(line.getQuantity())));
        }
        return LineQuantity.requireDistinct(parsed, what);
    }

    /**
     * A whole basket: at most 100 lines, each a valid book id and quantity, each book once. Every bad field is
     * reported at once ({@link InvalidFields}), not only the first.
     */
    static List<BasketItem> basketItems(List<org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem> items) {
        var violations = new LinkedHashMap<String, String>();
        if (items.size() > MAX_LINES) {
            violations.put("items", "a basket holds at most " + MAX_LINES + " books, not " + items.size());
        }
        var firstSeen = new HashMap<BookId, Integer>();
        var parsed = new ArrayList<BasketItem>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            BookId book = field(violations, "items[" + i + "].book_id", () -> bookId(item.getBookId()));
            Quantity quantity = field(violations, "items[" + i + "].quantity", () -> quantity(item.getQuantity()));
            Integer first = book == null ? null : firstSeen.putIfAbsent(book, i);
            if (first != null) {
                violations.put(
                        "items[" + i + "].book_id",
                        "book " + book + " is listed twice (also items[" + first + "]): list each book once");
            } else if (book != null && quantity != null) {
                parsed.add(new BasketItem(book, quantity));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFields(violations);
        }
        return parsed;
    }

    /** The field's value, or null with its violation recorded under {@code path}. */
    private static <T> @Nullable T field(Map<String, String> violations, String path, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException invalid) {
            violations.put(path, String.valueOf(invalid.getMessage()));
            return null;
        }
    }

    static BasketItem basketItem(boolean present, org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem item) {
        if (!present) {
            throw new IllegalArgumentException("an item is required");
        }
        return new BasketItem(bookId(item.getBookId()), quantity(item.getQuantity()));
    }

    /** {@code UNSPECIFIED} means no filter; a value this server does not know is refused. */
    static @Nullable OrderStatus statusFilter(org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus status) {
        return switch (status) {
            case ORDER_STATUS_UNSPECIFIED -> null;
            case ORDER_STATUS_PLACED -> OrderStatus.PLACED;
            case ORDER_STATUS_CONFIRMED -> OrderStatus.CONFIRMED;
            case ORDER_STATUS_PARTIALLY_SHIPPED -> OrderStatus.PARTIALLY_SHIPPED;
            case ORDER_STATUS_SHIPPED -> OrderStatus.SHIPPED;
            case ORDER_STATUS_COMPLETED -> OrderStatus.COMPLETED;
            case ORDER_STATUS_CANCELLED -> OrderStatus.CANCELLED;
            case ORDER_STATUS_FAILED -> OrderStatus.FAILED;
            case UNRECOGNIZED -> throw new IllegalArgumentException("unknown order status");
        };
    }

    static StockStatus stockStatus(org.bookworm.ordering.adapter.grpc.proto.catalog.v1.StockStatus status) {
        return switch (status) {
            case STOCK_STATUS_IN_STOCK -> StockStatus.IN_STOCK;
            case STOCK_STATUS_OUT_OF_STOCK -> StockStatus.OUT_OF_STOCK;
            case STOCK_STATUS_UNSPECIFIED, UNRECOGNIZED ->
                throw new IllegalArgumentException("stock_status must be IN_STOCK or OUT_OF_STOCK");
        };
    }

    static Modification modification(ModifyOrderRequest request) {
        return switch (request.getChangeCase()) {
            case CHANGE_QUANTITY ->
                new Modification.ChangeQuantity(
                        bookId(request.getChangeQuantity().getBookId()),
                        quantity(request.getChangeQuantity().getQuantity()));
            case REMOVE_BOOK_ID -> new Modification.RemoveLine(bookId(request.getRemoveBookId()));
            case CHANGE_SHIPPING_ADDRESS -> Modification.shipTo(address(true, request.getChangeShippingAddress()));
            case CHANGE_NOT_SET ->
                throw new IllegalArgumentException(
                        "a change is required: change_quantity, remove_book_id or change_shipping_address");
        };
    }

    /** Copies on hand after a stock take: 0 or more. */
    static int onHand(int copies) {
        if (copies < 0) {
            throw new IllegalArgumentException("on_hand is 0 or more copies, not " + copies);
        }
        return copies;
    }

    static Book book(boolean present, org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book book) {
        if (!present) {
            throw new IllegalArgumentException("a book is required");
        }
        if (!book.hasPrice()) {
            throw new IllegalArgumentException("a book needs a price");
        }
        return new Book(
                bookId(book.getBookId()),
                new BookTitle(book.getTitle()),
                money(book.getPrice()),
                book.hasSalePrice() ? money(book.getSalePrice()) : null,
                stockStatus(book.getStockStatus()));
    }

    static Instant instant(boolean present, Timestamp timestamp) {
        if (!present) {
            throw new IllegalArgumentException("a time is required");
        }
        if (timestamp.getNanos() < 0 || timestamp.getNanos() >= NANOS_PER_UNIT) {
            throw new IllegalArgumentException("a timestamp's nanos are between 0 and 999999999");
        }
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (java.time.DateTimeException outOfRange) {
            throw new IllegalArgumentException("the time is out of range");
        }
    }

    static PageRequest page(int size, String token) {
        if (token.length() > PageToken.MAX_LENGTH) {
            throw new InvalidPageToken("longer than any this server gives");
        }
        return new PageRequest(size, token);
    }

    static List<BookId> bookIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_LINES) {
            throw new IllegalArgumentException("ask for 1 to " + MAX_LINES + " books, not " + ids.size());
        }
        return ids.stream().map(Wire::bookId).distinct().toList();
    }
}

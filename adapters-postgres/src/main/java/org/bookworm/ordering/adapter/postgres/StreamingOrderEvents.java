package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.CancelledBy;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCancelled;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderFailed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.jspecify.annotations.Nullable;

/**
 * Reads the order events a rebuild replays with Jackson's streaming parser instead of data binding (the third pass of
 * issue 16: binding was half of a rebuild's JVM time). It takes only the exact shape {@link EventCodec} writes at the
 * current schema version: every field once, in any order, each of the JSON type it is written as. Anything else (an
 * unknown, missing or repeated field, another token, a value a constructor refuses, an older schema version, another
 * event type) makes it answer null, and the caller decodes with data binding as before, so every answer, refusals and
 * their messages included, stays the codec's. {@code StreamingOrderEventsTest} holds both paths to the same results.
 * Stateless and thread-safe.
 */
final class StreamingOrderEvents {
    /** Thrown to give up on a payload; preallocated, without a stack trace: it is control flow, not an error. */
    private static final class NotOurShape extends Exception {
        private static final NotOurShape INSTANCE = new NotOurShape();

        private NotOurShape() {
            super("not the shape the codec writes", null, false, false);
        }
    }

    private static final FailureReason[] FAILURE_REASONS = FailureReason.values();
    private static final CancelledBy[] CANCELLED_BY = CancelledBy.values();

    private final JsonFactory factory;
    private final EventCodec codec;

    StreamingOrderEvents(EventCodec codec) {
        this.codec = codec;
        this.factory = codec.mapper().getFactory();
    }

    /** The event, or null when the payload is not exactly what the codec writes: then decode it the usual way. */
    @Nullable
    OrderEvent read(String type, int schemaVersion, byte[] json) {
        if (schemaVersion != codec.schemaVersion(type)) {
            return null;
        }
        try (JsonParser p = factory.createParser(json)) {
            next(p, JsonToken.START_OBJECT);
            OrderEvent event = switch (type) {
                case "OrderPlaced" -> placed(p);
                case "OrderConfirmed" -> confirmed(p);
                case "OrderModified" -> modified(p);
                case "ItemsShipped" -> shipped(p);
                case "OrderCompleted" -> completed(p);
                case "OrderFailed" -> failed(p);
                case "OrderCancelled" -> cancelled(p);
                case "OrderDeleted" -> deleted(p);
                default -> throw NotOurShape.INSTANCE;
            };
            return p.nextToken() == null ? event : null;
        } catch (NotOurShape | IOException | RuntimeException other) {
            return null;
        }
    }

    private static OrderPlaced placed(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        BuyerSnapshot buyer = null;
        Address address = null;
        List<OrderLine> lines = null;
        Money total = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "buyer" -> buyer = once(buyer, buyer(p));
                case "shippingAddress" -> address = once(address, address(p));
                case "lines" -> lines = once(lines, lines(p));
                case "total" -> total = once(total, money(p));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderPlaced(
                present(order), present(buyer), present(address), present(lines), present(total), present(at));
    }

    private static OrderConfirmed confirmed(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        OrderFacts facts = null;
        boolean factsSeen = false;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "order" -> {
                    if (factsSeen) {
                        throw NotOurShape.INSTANCE;
                    }
                    factsSeen = true;
                    facts = p.nextToken() == JsonToken.VALUE_NULL ? null : facts(p);
                }
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        if (!factsSeen) {
            throw NotOurShape.INSTANCE;
        }
        return new OrderConfirmed(present(order), facts, present(at));
    }

    private static OrderModified modified(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        List<OrderLine> lines = null;
        Money total = null;
        Address address = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "lines" -> lines = once(lines, lines(p));
                case "total" -> total = once(total, money(p));
                case "shippingAddress" -> address = once(address, address(p));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderModified(present(order), present(lines), present(total), present(address), present(at));
    }

    private static ItemsShipped shipped(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        List<LineQuantity> lines = null;
        Money value = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "lines" -> lines = once(lines, lineQuantities(p));
                case "value" -> value = once(value, money(p));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new ItemsShipped(present(order), present(lines), present(value), present(at));
    }

    private static OrderCompleted completed(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        List<LineQuantity> cancelled = null;
        Money value = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "cancelled" -> cancelled = once(cancelled, lineQuantities(p));
                case "cancelledValue" -> value = once(value, money(p));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderCompleted(present(order), present(cancelled), present(value), present(at));
    }

    private static OrderFailed failed(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        FailureReason reason = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "reason" -> reason = once(reason, named(p, FAILURE_REASONS));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderFailed(present(order), present(reason), present(at));
    }

    private static OrderCancelled cancelled(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        CancelledBy by = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "by" -> by = once(by, named(p, CANCELLED_BY));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderCancelled(present(order), present(by), present(at));
    }

    private static OrderDeleted deleted(JsonParser p) throws IOException, NotOurShape {
        OrderId order = null;
        Instant at = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "orderId" -> order = once(order, orderId(p));
                case "at" -> at = once(at, instant(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderDeleted(present(order), present(at));
    }

    /** The facts an {@code OrderConfirmed} carries; the parser is on their START_OBJECT. */
    private static OrderFacts facts(JsonParser p) throws IOException, NotOurShape {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw NotOurShape.INSTANCE;
        }
        OrderId id = null;
        BuyerSnapshot buyer = null;
        Address address = null;
        List<OrderLine> lines = null;
        Money total = null;
        Map<BookId, Integer> shipped = null;
        Instant placedAt = null;
        Boolean deleted = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "id" -> id = once(id, orderId(p));
                case "buyer" -> buyer = once(buyer, buyer(p));
                case "shippingAddress" -> address = once(address, address(p));
                case "lines" -> lines = once(lines, lines(p));
                case "total" -> total = once(total, money(p));
                case "shipped" -> shipped = once(shipped, shippedByBook(p));
                case "placedAt" -> placedAt = once(placedAt, instant(p));
                case "deleted" -> deleted = once(deleted, bool(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new OrderFacts(
                present(id),
                present(buyer),
                present(address),
                present(lines),
                present(total),
                present(shipped),
                present(placedAt),
                present(deleted));
    }

    private static BuyerSnapshot buyer(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_OBJECT);
        BuyerId id = null;
        PersonName name = null;
        EmailAddress email = null;
        boolean emailSeen = false;
        while (field(p)) {
            switch (p.currentName()) {
                case "id" -> id = once(id, new BuyerId(uuid(p)));
                case "name" -> name = once(name, new PersonName(text(p)));
                case "email" -> {
                    if (emailSeen) {
                        throw NotOurShape.INSTANCE;
                    }
                    emailSeen = true;
                    email = p.nextToken() == JsonToken.VALUE_NULL ? null : new EmailAddress(currentText(p));
                }
                default -> throw NotOurShape.INSTANCE;
            }
        }
        if (!emailSeen) {
            throw NotOurShape.INSTANCE;
        }
        return new BuyerSnapshot(present(id), present(name), email);
    }

    private static Address address(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_OBJECT);
        String street = null;
        String city = null;
        String province = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "street" -> street = once(street, text(p));
                case "city" -> city = once(city, text(p));
                case "province" -> province = once(province, text(p));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new Address(present(street), present(city), present(province));
    }

    private static List<OrderLine> lines(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_ARRAY);
        var lines = new ArrayList<OrderLine>();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
            BookId book = null;
            BookTitle title = null;
            Quantity quantity = null;
            Money price = null;
            while (field(p)) {
                switch (p.currentName()) {
                    case "book" -> book = once(book, new BookId(uuid(p)));
                    case "title" -> title = once(title, new BookTitle(text(p)));
                    case "quantity" -> quantity = once(quantity, new Quantity(integer(p)));
                    case "unitPrice" -> price = once(price, money(p));
                    default -> throw NotOurShape.INSTANCE;
                }
            }
            lines.add(new OrderLine(present(book), present(title), present(quantity), present(price)));
        }
        if (token != JsonToken.END_ARRAY) {
            throw NotOurShape.INSTANCE;
        }
        return lines;
    }

    private static List<LineQuantity> lineQuantities(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_ARRAY);
        var lines = new ArrayList<LineQuantity>();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
            BookId book = null;
            Quantity quantity = null;
            while (field(p)) {
                switch (p.currentName()) {
                    case "book" -> book = once(book, new BookId(uuid(p)));
                    case "quantity" -> quantity = once(quantity, new Quantity(integer(p)));
                    default -> throw NotOurShape.INSTANCE;
                }
            }
            lines.add(new LineQuantity(present(book), present(quantity)));
        }
        if (token != JsonToken.END_ARRAY) {
            throw NotOurShape.INSTANCE;
        }
        return lines;
    }

    private static Map<BookId, Integer> shippedByBook(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_OBJECT);
        var shipped = new HashMap<BookId, Integer>();
        while (field(p)) {
            if (shipped.put(BookId.parse(p.currentName()), integer(p)) != null) {
                throw NotOurShape.INSTANCE;
            }
        }
        return shipped;
    }

    private static Money money(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.START_OBJECT);
        Long minorUnits = null;
        Currency currency = null;
        while (field(p)) {
            switch (p.currentName()) {
                case "minorUnits" -> {
                    next(p, JsonToken.VALUE_NUMBER_INT);
                    JsonParser.NumberType size = p.getNumberType();
                    if (size != JsonParser.NumberType.INT && size != JsonParser.NumberType.LONG) {
                        throw NotOurShape.INSTANCE;
                    }
                    minorUnits = once(minorUnits, p.getLongValue());
                }
                case "currency" -> currency = once(currency, currency(text(p)));
                default -> throw NotOurShape.INSTANCE;
            }
        }
        return new Money(present(minorUnits), present(currency));
    }

    private static Currency currency(String code) throws NotOurShape {
        if (code.length() != 3) {
            throw NotOurShape.INSTANCE;
        }
        for (int i = 0; i < 3; i++) {
            char letter = code.charAt(i);
            if (letter < 'A' || letter > 'Z') {
                throw NotOurShape.INSTANCE;
            }
        }
        return Currency.getInstance(code);
    }

    private static OrderId orderId(JsonParser p) throws IOException, NotOurShape {
        return new OrderId(uuid(p));
    }

    /** A canonical UUID string, read as {@code CoreJson}'s scalar path reads it. */
    private static UUID uuid(JsonParser p) throws IOException, NotOurShape {
        String text = text(p);
        if (text.length() != 36
                || text.charAt(8) != '-'
                || text.charAt(13) != '-'
                || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            throw NotOurShape.INSTANCE;
        }
        return UUID.fromString(text);
    }

    private static Instant instant(JsonParser p) throws IOException, NotOurShape {
        Instant read = IsoInstants.parse(text(p));
        if (read == null) {
            throw NotOurShape.INSTANCE;
        }
        return read;
    }

    private static <E extends Enum<E>> E named(JsonParser p, E[] values) throws IOException, NotOurShape {
        String name = text(p);
        for (E value : values) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        throw NotOurShape.INSTANCE;
    }

    private static int integer(JsonParser p) throws IOException, NotOurShape {
        next(p, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw NotOurShape.INSTANCE;
        }
        return p.getIntValue();
    }

    private static boolean bool(JsonParser p) throws IOException, NotOurShape {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw NotOurShape.INSTANCE;
    }

    private static String text(JsonParser p) throws IOException, NotOurShape {
        p.nextToken();
        return currentText(p);
    }

    private static String currentText(JsonParser p) throws IOException, NotOurShape {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw NotOurShape.INSTANCE;
        }
        return p.getText();
    }

    /** True on the next field's name, false at the object's end. */
    private static boolean field(JsonParser p) throws IOException, NotOurShape {
        JsonToken token = p.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            return true;
        }
        if (token == JsonToken.END_OBJECT) {
            return false;
        }
        throw NotOurShape.INSTANCE;
    }

    private static void next(JsonParser p, JsonToken expected) throws IOException, NotOurShape {
        if (p.nextToken() != expected) {
            throw NotOurShape.INSTANCE;
        }
    }

    /** {@code read}, unless the field was read already (a repeated field is not our shape). */
    private static <T> T once(@Nullable T before, T read) throws NotOurShape {
        if (before != null) {
            throw NotOurShape.INSTANCE;
        }
        return read;
    }

    private static <T> T present(@Nullable T value) throws NotOurShape {
        if (value == null) {
            throw NotOurShape.INSTANCE;
        }
        return value;
    }
}

package org.bookworm.ordering.core.port;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * A filtered, paged list of orders, newest first (placed time, then id, both descending). Deleted orders are never
 * listed. A page token is bound to its filter: using it with another filter is refused.
 */
public record OrderQuery(@Nullable BuyerId buyer, @Nullable OrderStatus status, PageRequest page) {
    public OrderQuery {
        Objects.requireNonNull(page, "page");
        cursor(buyer, status, page); // validates the token now, before any store is asked
    }

    /** Where the page starts: strictly after this (placedAt, id) in newest-first order. */
    public record Cursor(Instant placedAt, OrderId id) {}

    public Optional<Cursor> cursor() {
        return cursor(buyer, status, page);
    }

    /** The token of the page that follows {@code last}. */
    public String tokenAfter(OrderSummary last) {
        String raw = filterKey(buyer, status) + "|" + last.placedAt().getEpochSecond() + "|"
                + last.placedAt().getNano() + "|" + last.id();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Optional<Cursor> cursor(@Nullable BuyerId buyer, @Nullable OrderStatus status, PageRequest page) {
        if (page.token() == null) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(page.token()), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\\|");
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the page token is malformed");
        }
        if (parts.length != 4) {
            throw new IllegalArgumentException("the page token is malformed");
        }
        if (!parts[0].equals(filterKey(buyer, status))) {
            throw new IllegalArgumentException("the page token belongs to another filter");
        }
        try {
            Instant placedAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            return Optional.of(new Cursor(placedAt, new OrderId(UUID.fromString(parts[3]))));
        } catch (RuntimeException malformed) {
            throw new IllegalArgumentException("the page token is malformed");
        }
    }

    private static String filterKey(@Nullable BuyerId buyer, @Nullable OrderStatus status) {
        return (buyer == null ? "*" : buyer.toString()) + "/" + (status == null ? "*" : status.name());
    }
}

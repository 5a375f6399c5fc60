package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.InvalidPageToken;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PageToken;
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
        return PageToken.encode(List.of(
                filterKey(buyer, status),
                Long.toString(last.placedAt().getEpochSecond()),
                Integer.toString(last.placedAt().getNano()),
                last.id().toString()));
    }

    /** Decodes the token with {@link PageToken}: anything this server did not hand out is {@link InvalidPageToken}. */
    private static Optional<Cursor> cursor(@Nullable BuyerId buyer, @Nullable OrderStatus status, PageRequest page) {
        if (page.token() == null) {
            return Optional.empty();
        }
        List<String> fields = PageToken.decode(page.token(), 4);
        if (!fields.get(0).equals(filterKey(buyer, status))) {
            throw new InvalidPageToken("it belongs to another filter");
        }
        Instant placedAt = PageToken.instant(fields.get(1), fields.get(2));
        UUID id = PageToken.uuid(fields.get(3));
        if (id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0) {
            throw new InvalidPageToken("not one this server gave");
        }
        return Optional.of(new Cursor(placedAt, new OrderId(id)));
    }

    private static String filterKey(@Nullable BuyerId buyer, @Nullable OrderStatus status) {
        return (buyer == null ? "*" : buyer.toString()) + "/" + (status == null ? "*" : status.name());
    }
}

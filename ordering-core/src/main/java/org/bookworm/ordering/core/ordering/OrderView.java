package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;

/** The order detail read model, as of stream version {@code version}. */
public record OrderView(
        OrderId id,
        BuyerId buyer,
        PersonName buyerName,
        @Nullable EmailAddress buyerEmail, // null: the buyer gave no e-mail address
        OrderStatus status,
        List<Line> lines,
        Money total,
        Address shippingAddress,
        Instant placedAt,
        Instant updatedAt,
        long version,
        boolean deleted) {

    public OrderView {
        lines = List.copyOf(lines);
    }

    /** One line: what was ordered and how much of it has shipped. */
    public record Line(BookId book, BookTitle title, int quantity, int shipped, Money unitPrice) {}

    public OrderSummary summary() {
        return new OrderSummary(id, buyer, status, total, lines.size(), placedAt, version);
    }
}

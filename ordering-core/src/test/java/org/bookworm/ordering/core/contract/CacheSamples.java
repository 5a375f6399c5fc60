package org.bookworm.ordering.core.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;

/** Sample values for the cache suites and the cache decorators' tests. */
public final class CacheSamples {
    private CacheSamples() {}

    /** An order view whose content depends on its version, so a stale value is told apart from a fresh one. */
    public static OrderView view(OrderId id, long version, OrderStatus status) {
        var dune = new BookId(new UUID(1, 1));
        var emma = new BookId(new UUID(2, 2));
        return new OrderView(
                id,
                new BuyerId(new UUID(3, 3)),
                new PersonName("Anna Karenina"),
                new EmailAddress("anna@example.com"),
                status,
                List.of(
                        new OrderView.Line(dune, new BookTitle("Dune"), 2, (int) Math.min(version, 2), usd("12.50")),
                        new OrderView.Line(emma, new BookTitle("Emma"), 1, 0, usd("7.99"))),
                usd("32.99"),
                new Address("123 Main St", "Seattle", "WA"),
                Instant.parse("2026-03-01T10:15:30Z"),
                Instant.parse("2026-03-01T10:15:30Z").plusSeconds(version % 1_000_000),
                version,
                false);
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }
}

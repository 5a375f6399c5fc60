package org.bookworm.ordering.core.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.app.Caller;
import org.bookworm.ordering.core.catalog.Book;
import org.bookworm.ordering.core.catalog.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.order.OrderId;

/** Sample data and a clock that tests move by hand, around one {@link InMemoryBookWorm}. */
public final class BookWormFixture {
    public static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    public static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    public static final BookId UNKNOWN = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000ff"));
    public static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final InMemoryBookWorm bookworm = new InMemoryBookWorm(clock, new SplittableRandom(42));
    public final BuyerId buyerId = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000001"));
    public final Caller buyer = Caller.buyer(buyerId);
    public final Caller admin = Caller.admin("admin-1");

    public BookWormFixture() {
        bookworm.catalog.put(new Book(
                DUNE, new BookTitle("Dune"), Money.of("20.00", "USD"), Money.of("15.00", "USD"), StockStatus.IN_STOCK));
        bookworm.catalog.put(
                new Book(EMMA, new BookTitle("Emma"), Money.of("10.00", "USD"), null, StockStatus.IN_STOCK));
        bookworm.inventory.restock(DUNE, 10);
        bookworm.inventory.restock(EMMA, 10);
    }

    public BookWormFixture withProfile() {
        bookworm.ordering.buyers.create(
                buyer,
                new PersonName("Ada Lovelace"),
                new EmailAddress("ada@example.com"),
                new Address("1 Main St", "Seattle", "WA"));
        bookworm.drain();
        return this;
    }

    public BookWormFixture withBasket(BookId book, int copies) {
        bookworm.baskets.add(buyer, book, Quantity.of(copies));
        return this;
    }

    public static OrderId orderOf(org.bookworm.ordering.core.app.Outcome<?> outcome) {
        if (!(outcome instanceof org.bookworm.ordering.core.app.Outcome.Done<?> done)) {
            throw new AssertionError("expected an order, got " + outcome);
        }
        return new OrderId(done.stream().id());
    }

    /** A clock that moves only when told. */
    public static final class ManualClock implements InstantSource {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        public synchronized Instant advance(Duration by) {
            now = now.plus(by);
            return now;
        }
    }
}

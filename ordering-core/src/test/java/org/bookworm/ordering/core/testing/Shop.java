package org.bookworm.ordering.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;

/** Ordering in memory on a clock the test moves and a seeded random, with two buyers and some books. */
public final class Shop {
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    public static final long SEED = 20260301L;

    public static final BuyerId ALICE = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000a11ce"));
    public static final BuyerId BOB = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-000000000b0b"));
    public static final BuyerSnapshot ALICE_SNAPSHOT =
            new BuyerSnapshot(ALICE, new PersonName("Alice Liddell"), new EmailAddress("alice@example.org"));
    public static final BuyerSnapshot BOB_SNAPSHOT =
            new BuyerSnapshot(BOB, new PersonName("Bob Builder"), new EmailAddress("bob@example.org"));
    public static final Address HOME = new Address("12 Rabbit Hole", "Oxford", "OX");
    public static final Address OFFICE = new Address("1 Looking Glass Lane", "London", "LDN");

    public static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d001"));
    public static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d002"));
    public static final OrderLine THREE_DUNE =
            new OrderLine(DUNE, new BookTitle("Dune"), Quantity.of(3), Money.of("12.50", "USD"));
    public static final OrderLine ONE_EMMA =
            new OrderLine(EMMA, new BookTitle("Emma"), Quantity.of(1), Money.of("7.99", "USD"));

    public static final Caller alice = Caller.buyer(ALICE);
    public static final Caller bob = Caller.buyer(BOB);
    public static final Caller admin = Caller.admin("0192f0c8-0000-7000-8000-00000000ad01");
    public static final Caller checkout = Caller.system("checkout");

    public final ManualClock clock = new ManualClock(T0);
    public final InMemoryOrdering ordering;

    public Shop() {
        this(new Random(SEED));
    }

    public Shop(RandomGenerator random) {
        this.ordering = new InMemoryOrdering(clock, random);
    }

    /**
     * A shop whose id generator pauses a millisecond per draw. Event ids are drawn between loading a stream (and
     * looking up a request id) and appending, so racing commands all get past their checks before any of them
     * writes: the races in the tests then really overlap instead of running one after another.
     */
    public static Shop withSlowIds() {
        var seeded = new Random(SEED);
        return new Shop(() -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return seeded.nextLong();
        });
    }

    /** Alice places an order of three Dune and one Emma, shipped home. */
    public OrderId placedByAlice() {
        return orderOf(ordering.orders.place(alice, null, ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE, ONE_EMMA)));
    }

    public OrderId confirmedByAlice() {
        OrderId order = placedByAlice();
        assertThat(ordering.orders.confirm(checkout, order).isDone()).isTrue();
        return order;
    }

    public Instant later() {
        return clock.advance(Duration.ofMinutes(1));
    }

    public List<RecordedEvent> history(OrderId order) {
        return ordering.events.load(OrderService.stream(order)).events();
    }

    public static OrderId orderOf(Outcome<OrderRejection> outcome) {
        assertThat(outcome).as("placing the order").isInstanceOf(Outcome.Done.class);
        return new OrderId(((Outcome.Done<OrderRejection>) outcome).stream().id());
    }

    public static <R> R refusal(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        return ((Outcome.Refused<R>) outcome).reason();
    }
}

package org.bookworm.ordering.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.CancelledBy;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderCommand;
import org.bookworm.ordering.core.ordering.OrderCommand.PlaceOrder;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.ordering.OrderLines;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderState;

/**
 * Generators for orders, as {@code Function<SplittableRandom, T>} for {@link Property}: valid buyers, addresses,
 * order lines (1 to 100 lines of distinct books, quantities 1 to 99, USD prices) and random command sequences
 * against one order. A sequence starts with its {@code PlaceOrder}; the rest mixes every command kind, mostly aimed
 * at the order's own books so that shipments and modifications are often valid, sometimes not.
 */
public final class OrderGen {
    private OrderGen() {}

    static final Instant START = OrderSamples.T0;
    /** The longest command sequence after the placement. */
    public static final int MAX_COMMANDS = 40;

    private static final List<String> FIRST_NAMES = List.of("Ada", "Zoë", "José", "Chinua", "Wisława", "李", "Ngũgĩ");
    private static final List<String> LAST_NAMES = List.of("Lovelace", "Müller", "Ó Briain", "Achebe", "Szymborska");
    private static final List<String> STREETS =
            List.of("123 Main St", "1 Rue de la Paix", "Calle Ñandú 7", "📚 Lane 4");
    private static final List<String> CITIES = List.of("Seattle", "Paris", "Kraków", "São Paulo", "Zürich");
    private static final List<String> PROVINCES = List.of("WA", "Île-de-France", "Małopolska", "SP", "ZH");
    private static final List<String> TITLES = List.of("Dune", "Emma", "Things Fall Apart", "Cien años de soledad");

    public static <T> T oneOf(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A UUID that is never the nil UUID. */
    public static UUID uuid(SplittableRandom random) {
        return new UUID(random.nextLong() | 1L, random.nextLong());
    }

    public static BuyerSnapshot buyer(SplittableRandom random) {
        var name = new PersonName(oneOf(random, FIRST_NAMES) + " " + oneOf(random, LAST_NAMES));
        var email = new EmailAddress("buyer" + random.nextInt(1_000_000) + "@example.org");
        return new BuyerSnapshot(new BuyerId(uuid(random)), name, email);
    }

    public static Address address(SplittableRandom random) {
        return new Address(oneOf(random, STREETS), oneOf(random, CITIES), oneOf(random, PROVINCES));
    }

    /** A price in USD from 0.01 to 999.99: 100 lines of 99 copies stay below {@link Money#MAX_MAJOR_UNITS}. */
    public static Money price(SplittableRandom random) {
        return new Money(random.nextLong(1, 100_000), Money.currency("USD"));
    }

    public static Quantity quantity(SplittableRandom random) {
        // small quantities most of the time, so that partial shipments and their rests are common
        return Quantity.of(random.nextInt(4) == 0 ? random.nextInt(1, 100) : random.nextInt(1, 4));
    }

    public static OrderLine line(SplittableRandom random, BookId book) {
        var title = new BookTitle(oneOf(random, TITLES) + " " + random.nextInt(1, 1000));
        return new OrderLine(book, title, quantity(random), price(random));
    }

    /** 1 to 100 lines of distinct books; mostly short orders, so that removing down to the last line happens. */
    public static List<OrderLine> lines(SplittableRandom random) {
        int count = random.nextInt(4) == 0 ? random.nextInt(1, OrderLines.MAX_LINES + 1) : random.nextInt(1, 6);
        var books = new LinkedHashSet<BookId>();
        while (books.size() < count) {
            books.add(new BookId(uuid(random)));
        }
        return books.stream().map(book -> line(random, book)).toList();
    }

    public static PlaceOrder placeOrder(SplittableRandom random) {
        return new PlaceOrder(new OrderId(uuid(random)), buyer(random), address(random), lines(random), START);
    }

    /** A PlaceOrder followed by 0 to {@value #MAX_COMMANDS} commands for the same order, one minute apart. */
    public static List<OrderCommand> commands(SplittableRandom random) {
        PlaceOrder place = placeOrder(random);
        int count = random.nextInt(MAX_COMMANDS + 1);
        var commands = new ArrayList<OrderCommand>(count + 1);
        commands.add(place);
        for (int step = 1; step <= count; step++) {
            commands.add(command(random, place, START.plusSeconds(60L * step)));
        }
        return List.copyOf(commands);
    }

    /** A command of any kind for the order of {@code place}. */
    public static OrderCommand command(SplittableRandom random, PlaceOrder place, Instant at) {
        OrderId id = place.orderId();
        int roll = random.nextInt(100);
        if (roll < 15) {
            return new OrderCommand.ConfirmOrder(id, at);
        } else if (roll < 18) {
            return new OrderCommand.FailOrder(id, oneOf(random, List.of(FailureReason.values())), at);
        } else if (roll < 38) {
            return new OrderCommand.ModifyOrder(id, modification(random, place), at);
        } else if (roll < 60) {
            return new OrderCommand.ShipItems(id, shipment(random, place), at);
        } else if (roll < 70) {
            return new OrderCommand.ShipRemaining(id, at);
        } else if (roll < 80) {
            return new OrderCommand.CompleteOrder(id, at);
        } else if (roll < 86) {
            return new OrderCommand.CancelOrder(id, oneOf(random, List.of(CancelledBy.values())), at);
        } else if (roll < 96) {
            return new OrderCommand.DeleteOrder(id, at);
        }
        return new PlaceOrder(id, place.buyer(), place.shippingAddress(), place.lines(), at);
    }

    public static Modification modification(SplittableRandom random, PlaceOrder place) {
        return switch (random.nextInt(3)) {
            case 0 -> new Modification.ChangeQuantity(someBook(random, place), quantity(random));
            case 1 -> new Modification.RemoveLine(someBook(random, place));
            default -> new Modification.ChangeShippingAddress(address(random));
        };
    }

    /** One to three distinct books, almost always of the order, in small quantities. */
    public static List<LineQuantity> shipment(SplittableRandom random, PlaceOrder place) {
        int count = random.nextInt(1, 4);
        var books = new LinkedHashSet<BookId>();
        for (int i = 0; i < count; i++) {
            books.add(someBook(random, place));
        }
        return books.stream()
                .map(book -> new LineQuantity(book, Quantity.of(random.nextInt(8) == 0 ? random.nextInt(1, 100) : 1)))
                .toList();
    }

    private static BookId someBook(SplittableRandom random, PlaceOrder place) {
        return random.nextInt(20) == 0
                ? new BookId(uuid(random))
                : oneOf(random, place.lines()).book();
    }

    /** One command decided against the state before it. */
    public record Step(
            OrderCommand command, OrderState before, Decision<OrderEvent, OrderRejection> decision, OrderState after) {}

    /** A command sequence run through the decider: every step, and the events of the accepted ones in order. */
    public record Run(List<Step> steps, List<OrderEvent> events, OrderState state) {}

    /** Runs {@code commands} through a fresh {@link OrderDecider}, folding each accepted decision. */
    public static Run run(List<OrderCommand> commands) {
        var decider = new OrderDecider();
        OrderState state = decider.initialState();
        var steps = new ArrayList<Step>();
        var events = new ArrayList<OrderEvent>();
        for (OrderCommand command : commands) {
            var decision = decider.decide(command, state);
            OrderState after = decider.fold(state, decision.events());
            steps.add(new Step(command, state, decision, after));
            events.addAll(decision.events());
            state = after;
        }
        return new Run(List.copyOf(steps), List.copyOf(events), state);
    }

    /** The generator of decided histories: a command sequence and what the decider made of it. */
    public static Function<SplittableRandom, List<OrderCommand>> sequences() {
        return OrderGen::commands;
    }
}

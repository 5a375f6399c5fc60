package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.CancelledBy;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.ordering.OrderService;

/** Sample values for the adapter's tests: one event of every type, metadata, new events with fresh ids. */
final class Samples {
    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456789Z");
    static final BuyerId BUYER = new BuyerId(UUID.fromString("0192f0c8-3c4b-7d8e-9f00-112233445566"));
    static final BookId BOOK = new BookId(UUID.fromString("0192f0c8-3c4b-7d8e-9f00-aabbccddeeff"));
    static final BookId OTHER_BOOK = new BookId(UUID.fromString("0192f0c8-3c4b-7d8e-9f00-aabbccddee00"));
    static final Address ADDRESS = new Address("123 Main St", "Seattle", "WA");
    static final Money PRICE = Money.of("12.50", "USD");
    static final UUID KEY = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-00000000000a");
    /** The stream a sample request outcome names. */
    static final StreamId KEY_STREAM =
            StreamId.of(OrderService.STREAM, UUID.fromString("0192f0c8-3c4b-7d8e-9f00-00000000000b"));

    private Samples() {}

    static BuyerSnapshot buyer() {
        return new BuyerSnapshot(BUYER, new PersonName("Ada Lovelace"), new EmailAddress("ada@example.org"));
    }

    static List<OrderLine> lines() {
        return List.of(
                new OrderLine(BOOK, new BookTitle("Dune"), Quantity.of(2), PRICE),
                new OrderLine(OTHER_BOOK, new BookTitle("Émile — ou de l'éducation ✓"), Quantity.of(1), PRICE));
    }

    static OrderEvent.OrderPlaced placed(OrderId order) {
        return new OrderEvent.OrderPlaced(order, buyer(), ADDRESS, lines(), Money.of("37.50", "USD"), AT);
    }

    /** The confirmation of {@link #placed} {@code order}, carrying the order as placed. */
    static OrderEvent.OrderConfirmed confirmed(OrderId order, Instant at) {
        var placed = placed(order);
        return new OrderEvent.OrderConfirmed(
                order,
                new OrderFacts(
                        order,
                        placed.buyer(),
                        placed.shippingAddress(),
                        placed.lines(),
                        placed.total(),
                        Map.of(),
                        placed.at(),
                        false),
                at);
    }

    /** One event of every permitted type of the registered families, keyed by class. */
    static Map<Class<?>, DomainEvent> oneOfEach() {
        return oneOfEach(new OrderId(UUID.randomUUID()));
    }

    /** {@link #oneOfEach()} about one given order, so the events' JSON is the same on every run. */
    static Map<Class<?>, DomainEvent> oneOfEach(OrderId order) {
        var shipped = List.of(new LineQuantity(BOOK, Quantity.of(2)));
        return Stream.<DomainEvent>of(
                        placed(order),
                        confirmed(order, AT),
                        new OrderEvent.OrderFailed(order, FailureReason.PAYMENT_DECLINED, AT),
                        new OrderEvent.OrderModified(order, lines(), Money.of("37.50", "USD"), ADDRESS, AT),
                        new OrderEvent.ItemsShipped(order, shipped, Money.of("25.00", "USD"), AT),
                        new OrderEvent.OrderCompleted(order, shipped, Money.of("25.00", "USD"), AT),
                        new OrderEvent.OrderCancelled(order, CancelledBy.BUYER, AT),
                        new OrderEvent.OrderDeleted(order, AT),
                        new BuyerEvent.BuyerCreated(
                                BUYER, new PersonName("Ada"), new EmailAddress("ada@example.org"), ADDRESS, AT),
                        new BuyerEvent.BuyerAddressUpdated(BUYER, ADDRESS, AT),
                        new BuyerEvent.BuyerDeleted(BUYER, AT),
                        new CheckoutEvent.CheckoutRequested(
                                order, BUYER, PaymentMethod.APPROVE, AT.plusSeconds(30), AT),
                        new CheckoutEvent.CheckoutAbandoned(order, BUYER, AT),
                        new CheckoutEvent.CheckoutStarted(order, shipped, Money.of("25.00", "USD"), AT),
                        new CheckoutEvent.ReservationRequested(order, 1, 2, shipped, AT.plusSeconds(30), AT),
                        new CheckoutEvent.ItemsReserved(order, AT),
                        new CheckoutEvent.ReservationFailed(order, List.of(BOOK, OTHER_BOOK), AT),
                        new CheckoutEvent.PaymentRequested(
                                order, 1, 3, Money.of("25.00", "USD"), PaymentMethod.APPROVE, AT.plusSeconds(30), AT),
                        new CheckoutEvent.PaymentApproved(order, AT),
                        new CheckoutEvent.PaymentRefused(order, "insufficient funds", AT),
                        new CheckoutEvent.CheckoutConfirmed(order, AT),
                        new CheckoutEvent.CheckoutFailed(order, FailureReason.OUT_OF_STOCK, AT),
                        new CheckoutEvent.CheckoutCancelled(order, AT),
                        new CheckoutEvent.CaptureRequested(order, KEY, shipped, Money.of("25.00", "USD"), AT),
                        new CheckoutEvent.CheckoutCompleted(order, Money.of("0.00", "USD"), AT),
                        new PaymentEvent.PaymentAuthorized(order, KEY, Money.of("25.00", "USD"), "auth-1", AT),
                        new PaymentEvent.PaymentDeclined(order, KEY, "declined", AT),
                        new PaymentEvent.PaymentCaptured(order, KEY, Money.of("25.00", "USD"), AT),
                        new PaymentEvent.AuthorizationVoided(order, KEY, Money.of("25.00", "USD"), AT),
                        new PaymentEvent.PaymentRefunded(order, KEY, Money.of("25.00", "USD"), AT))
                .collect(Collectors.toMap(Object::getClass, Function.identity()));
    }

    static Metadata metadata() {
        return new Metadata("user-1", List.of("user"), UUID.randomUUID(), UUID.randomUUID(), "req-1");
    }

    static NewEvent newEvent(DomainEvent event) {
        return new NewEvent(UUID.randomUUID(), event, metadata());
    }

    static List<NewEvent> newEvents(OrderId order, int count) {
        return Stream.iterate(0, i -> i + 1)
                .limit(count)
                .map(i -> i == 0 ? newEvent(placed(order)) : newEvent(confirmed(order, AT.plusSeconds(i))))
                .toList();
    }
}

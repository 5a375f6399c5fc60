package org.bookworm.ordering.core.contract;

import java.time.Instant;
import java.util.ArrayList;
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
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutEvent.CaptureRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutAbandoned;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCancelled;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCompleted;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutConfirmed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutStarted;
import org.bookworm.ordering.core.finance.CheckoutEvent.ItemsReserved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentApproved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRefused;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationRequested;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.finance.PaymentEvent.AuthorizationVoided;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentAuthorized;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentCaptured;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentDeclined;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentRefunded;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerAddressUpdated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerCreated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerDeleted;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.BuyerView;
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
import org.bookworm.ordering.core.ordering.OrderLines;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;

/**
 * Sample data of the contract suites: one sample (or more) of every order, buyer, checkout and payment event,
 * metadata, read-model views. The values are chosen to catch lossy serialisation: non-ASCII and emoji text, a
 * currency without minor units, empty lists, null optional fields, instants with microseconds (the precision
 * PostgreSQL keeps).
 */
public final class ContractFixtures {
    /** An instant with microseconds, as a clock on Linux gives them. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    public static final OrderId ORDER = new OrderId(UUID.fromString("0192f0c8-3c4b-7d8e-9f00-112233445566"));
    public static final BuyerId BUYER = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-00000000b001"));
    public static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d001"));
    public static final BookId ZAUBERBERG = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d002"));

    /** A saga step's key (a name-based UUID, version 5). */
    public static final UUID STEP_KEY = UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2");

    public static final PersonName NAME = new PersonName("Zoë Ångström 📚");
    public static final EmailAddress EMAIL = new EmailAddress("zoe+books@example.org");
    public static final Address HOME = new Address("1 Rue de l'Église", "Montréal", "QC");
    public static final Address OFFICE = new Address("Königstraße 12, 3. OG", "Stuttgart", "BW");
    public static final BuyerSnapshot BUYER_SNAPSHOT = new BuyerSnapshot(BUYER, NAME, EMAIL);

    public static final OrderLine TWO_DUNE =
            new OrderLine(DUNE, new BookTitle("Dune"), Quantity.of(2), Money.of("12.50", "EUR"));
    public static final OrderLine ONE_ZAUBERBERG = new OrderLine(
            ZAUBERBERG, new BookTitle("Der Zauberberg — «Ausgabe 2»"), Quantity.of(1), Money.of("0.99", "EUR"));

    private ContractFixtures() {}

    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }

    public static StreamId orderStream() {
        return StreamId.of(OrderService.STREAM, newId());
    }

    public static Metadata metadata() {
        return new Metadata(
                BUYER.toString(),
                List.of("user"),
                UUID.fromString("0192f0c8-0000-7000-8000-0000000c0001"),
                UUID.fromString("0192f0c8-0000-7000-8000-0000000c0002"),
                "req-1");
    }

    /** Metadata whose optional fields are absent and whose roles are empty. */
    public static Metadata sparseMetadata() {
        return new Metadata(
                "service:checkout", List.of(), UUID.fromString("0192f0c8-0000-7000-8000-0000000c0003"), null, null);
    }

    public static NewEvent newEvent(DomainEvent event) {
        return new NewEvent(newId(), event, metadata());
    }

    public static List<NewEvent> newEvents(List<? extends DomainEvent> events) {
        return events.stream().map(ContractFixtures::newEvent).toList();
    }

    /** {@code count} distinct, valid events for one order: placed, then address changes back and forth. */
    public static List<NewEvent> someEvents(int count) {
        var events = new ArrayList<DomainEvent>();
        events.add(placed(ORDER));
        for (int i = 1; i < count; i++) {
            events.add(new OrderModified(
                    ORDER, List.of(TWO_DUNE, ONE_ZAUBERBERG), total(), i % 2 == 0 ? HOME : OFFICE, at(i)));
        }
        return newEvents(events);
    }

    public static Money total() {
        return OrderLines.total(List.of(TWO_DUNE, ONE_ZAUBERBERG));
    }

    /** The confirmation of {@link #placed} {@code order}, carrying the order as placed. */
    public static OrderConfirmed confirmed(OrderId order, Instant at) {
        var placed = placed(order);
        return new OrderConfirmed(
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

    public static OrderPlaced placed(OrderId order) {
        return new OrderPlaced(order, BUYER_SNAPSHOT, HOME, List.of(TWO_DUNE, ONE_ZAUBERBERG), total(), T0);
    }

    /** At least one sample of every {@link OrderEvent}; the suites fail when a new event type has none. */
    public static List<OrderEvent> orderEventSamples() {
        var yen = new OrderLine(DUNE, new BookTitle("デューン 砂の惑星"), Quantity.of(99), Money.of("1500", "JPY"));
        return List.of(
                placed(ORDER),
                new OrderPlaced(ORDER, BUYER_SNAPSHOT, OFFICE, List.of(yen), Money.of("148500", "JPY"), at(1)),
                confirmed(ORDER, at(2)),
                new OrderConfirmed(ORDER, null, at(2)), // as stored before it carried the order (schema 1)
                new OrderFailed(ORDER, FailureReason.PAYMENT_DECLINED, at(3)),
                new OrderModified(ORDER, List.of(ONE_ZAUBERBERG), Money.of("0.99", "EUR"), OFFICE, at(4)),
                new ItemsShipped(
                        ORDER,
                        List.of(new LineQuantity(DUNE, Quantity.of(1)), new LineQuantity(ZAUBERBERG, Quantity.of(1))),
                        Money.of("13.49", "EUR"),
                        at(5)),
                new OrderCompleted(
                        ORDER, List.of(new LineQuantity(DUNE, Quantity.of(1))), Money.of("12.50", "EUR"), at(6)),
                new OrderCompleted(ORDER, List.of(), Money.zero(Money.currency("EUR")), at(7)),
                new OrderCancelled(ORDER, CancelledBy.BUYER, at(8)),
                new OrderCancelled(ORDER, CancelledBy.ADMIN, at(9)),
                new OrderDeleted(ORDER, at(10)));
    }

    /** At least one sample of every {@link BuyerEvent}. */
    public static List<BuyerEvent> buyerEventSamples() {
        return List.of(
                new BuyerCreated(BUYER, NAME, EMAIL, HOME, T0),
                new BuyerCreated(BUYER, PersonName.ANONYMOUS, new EmailAddress("a@b.io"), OFFICE, at(1)),
                new BuyerAddressUpdated(BUYER, OFFICE, at(2)),
                new BuyerDeleted(BUYER, at(3)));
    }

    /** At least one sample of every {@link CheckoutEvent}, stored in {@code checkout-<orderId>}. */
    public static List<CheckoutEvent> checkoutEventSamples() {
        var oneDune = List.of(new LineQuantity(DUNE, Quantity.of(1)));
        return List.of(
                new CheckoutRequested(ORDER, BUYER, new PaymentMethod("tok_approve-Ünï"), at(30), T0),
                new CheckoutAbandoned(ORDER, BUYER, at(31)),
                new CheckoutStarted(
                        ORDER,
                        List.of(new LineQuantity(DUNE, Quantity.of(2)), new LineQuantity(ZAUBERBERG, Quantity.of(1))),
                        total(),
                        at(1)),
                new ReservationRequested(ORDER, 1, 3, oneDune, at(62), at(2)),
                new ReservationRequested(ORDER, 1, 3, null, at(62), at(2)),
                new ItemsReserved(ORDER, at(3)),
                new ReservationFailed(ORDER, List.of(DUNE, ZAUBERBERG), at(4)),
                new ReservationFailed(ORDER, List.of(), at(5)),
                new PaymentRequested(ORDER, 2, 4, total(), new PaymentMethod("tok_approve-Ünï"), at(66), at(6)),
                new PaymentRequested(ORDER, 2, 4, null, null, at(66), at(6)),
                new PaymentApproved(ORDER, at(7)),
                new PaymentRefused(ORDER, "card declined — «insufficient funds»", at(8)),
                new CheckoutConfirmed(ORDER, at(9)),
                new CheckoutFailed(ORDER, FailureReason.CHECKOUT_TIMED_OUT, at(10)),
                new CheckoutCancelled(ORDER, at(11)),
                new CaptureRequested(ORDER, STEP_KEY, oneDune, Money.of("12.50", "EUR"), at(12)),
                new CheckoutCompleted(ORDER, Money.of("0.99", "EUR"), at(13)));
    }

    /** At least one sample of every {@link PaymentEvent}, stored in {@code payment-<orderId>}. */
    public static List<PaymentEvent> paymentEventSamples() {
        return List.of(
                new PaymentAuthorized(ORDER, STEP_KEY, total(), "auth_01J✓", T0),
                new PaymentDeclined(ORDER, STEP_KEY, "do not honour", at(1)),
                new PaymentCaptured(ORDER, STEP_KEY, Money.of("12.50", "EUR"), at(2)),
                new AuthorizationVoided(ORDER, STEP_KEY, Money.of("0.99", "EUR"), at(3)),
                new PaymentRefunded(ORDER, STEP_KEY, Money.of("1500", "JPY"), at(4)));
    }

    /** A valid life of one order, in order: placed, moved, confirmed, partly shipped. */
    public static List<OrderEvent> partlyShippedHistory(OrderId order) {
        return List.of(
                placed(order),
                new OrderModified(order, List.of(TWO_DUNE, ONE_ZAUBERBERG), total(), OFFICE, at(1)),
                new OrderConfirmed(
                        order,
                        new OrderFacts(
                                order,
                                BUYER_SNAPSHOT,
                                OFFICE,
                                List.of(TWO_DUNE, ONE_ZAUBERBERG),
                                total(),
                                Map.of(),
                                T0,
                                false),
                        at(2)),
                new ItemsShipped(
                        order, List.of(new LineQuantity(DUNE, Quantity.of(1))), Money.of("12.50", "EUR"), at(3)));
    }

    /** An event as a store would hand it out, for ports that take recorded events (dead letters). */
    public static RecordedEvent recorded(StreamId stream, long version, long position, DomainEvent event) {
        return new RecordedEvent(
                new LogPosition(position, position),
                stream,
                version,
                newId(),
                event,
                metadata(),
                T0.plusMillis(position));
    }

    public static OrderView orderView(
            OrderId id, BuyerId buyer, OrderStatus status, Instant placedAt, long version, boolean deleted) {
        return new OrderView(
                id,
                buyer,
                NAME,
                EMAIL,
                status,
                List.of(
                        new OrderView.Line(DUNE, TWO_DUNE.title(), 2, 1, TWO_DUNE.unitPrice()),
                        new OrderView.Line(ZAUBERBERG, ONE_ZAUBERBERG.title(), 1, 0, ONE_ZAUBERBERG.unitPrice())),
                total(),
                HOME,
                placedAt,
                placedAt.plusSeconds(version),
                version,
                deleted);
    }

    public static BuyerView buyerView(BuyerId id, long version, boolean deleted) {
        return new BuyerView(id, NAME, EMAIL, HOME, version, deleted);
    }
}

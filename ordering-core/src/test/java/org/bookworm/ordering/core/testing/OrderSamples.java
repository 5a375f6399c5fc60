package org.bookworm.ordering.core.testing;

import java.time.Instant;
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
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;

/**
 * Fixed sample data for order tests: one order {@link #ORDER} of two lines (2 × Dune at 12.50 USD, 1 × Emma at 8.99
 * USD, total 33.99 USD) and histories that bring it to each stage of its life. Times are fixed instants {@code T0}
 * to {@code T9}, one minute apart.
 */
public final class OrderSamples {
    private OrderSamples() {}

    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant T1 = T0.plusSeconds(60);
    public static final Instant T2 = T0.plusSeconds(120);
    public static final Instant T3 = T0.plusSeconds(180);
    public static final Instant T4 = T0.plusSeconds(240);
    public static final Instant T5 = T0.plusSeconds(300);
    public static final Instant T9 = T0.plusSeconds(540);

    public static final OrderId ORDER = OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000001");
    public static final BuyerId BUYER_ID = BuyerId.parse("0192f0c8-3c4b-7d8e-9f00-0000000000b1");
    public static final BuyerSnapshot BUYER =
            new BuyerSnapshot(BUYER_ID, new PersonName("Ada Lovelace"), new EmailAddress("ada@example.org"));
    public static final Address ADDRESS = new Address("123 Main St", "Seattle", "WA");
    public static final Address OTHER_ADDRESS = new Address("1 Rue de la Paix", "Paris", "Île-de-France");

    public static final BookId DUNE_ID = BookId.parse("0192f0c8-3c4b-7d8e-9f00-00000000d001");
    public static final BookId EMMA_ID = BookId.parse("0192f0c8-3c4b-7d8e-9f00-00000000e001");
    public static final BookId UNKNOWN_BOOK = BookId.parse("0192f0c8-3c4b-7d8e-9f00-00000000f404");

    public static final OrderLine DUNE = new OrderLine(DUNE_ID, new BookTitle("Dune"), Quantity.of(2), usd("12.50"));
    public static final OrderLine EMMA = new OrderLine(EMMA_ID, new BookTitle("Emma"), Quantity.of(1), usd("8.99"));
    public static final List<OrderLine> LINES = List.of(DUNE, EMMA);
    public static final Money TOTAL = usd("33.99");

    public static final OrderPlaced PLACED = new OrderPlaced(ORDER, BUYER, ADDRESS, LINES, TOTAL, T0);
    /** The order as {@link #PLACED} placed it: what its confirmation carries. */
    public static final OrderFacts PLACED_FACTS =
            new OrderFacts(ORDER, BUYER, ADDRESS, LINES, TOTAL, Map.of(), T0, false);

    public static final OrderConfirmed CONFIRMED = new OrderConfirmed(ORDER, PLACED_FACTS, T1);
    public static final OrderFailed FAILED = new OrderFailed(ORDER, FailureReason.PAYMENT_DECLINED, T1);
    public static final OrderCancelled CANCELLED = new OrderCancelled(ORDER, CancelledBy.BUYER, T2);
    /** One Dune of two shipped: the order is partially shipped. */
    public static final ItemsShipped ONE_DUNE_SHIPPED =
            new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 1)), usd("12.50"), T2);
    /** Everything shipped in one go. */
    public static final ItemsShipped ALL_SHIPPED =
            new ItemsShipped(ORDER, List.of(qty(DUNE_ID, 2), qty(EMMA_ID, 1)), TOTAL, T2);

    public static final OrderCompleted COMPLETED = new OrderCompleted(ORDER, List.of(), usd("0.00"), T3);
    public static final OrderDeleted DELETED = new OrderDeleted(ORDER, T4);

    public static final List<OrderEvent> NONE = List.of();
    public static final List<OrderEvent> PLACED_ORDER = List.of(PLACED);
    public static final List<OrderEvent> CONFIRMED_ORDER = List.of(PLACED, CONFIRMED);
    public static final List<OrderEvent> PARTIALLY_SHIPPED_ORDER = List.of(PLACED, CONFIRMED, ONE_DUNE_SHIPPED);
    public static final List<OrderEvent> SHIPPED_ORDER = List.of(PLACED, CONFIRMED, ALL_SHIPPED);
    public static final List<OrderEvent> COMPLETED_ORDER = List.of(PLACED, CONFIRMED, ALL_SHIPPED, COMPLETED);
    public static final List<OrderEvent> CANCELLED_ORDER = List.of(PLACED, CANCELLED);
    public static final List<OrderEvent> FAILED_ORDER = List.of(PLACED, FAILED);
    public static final List<OrderEvent> DELETED_ORDER = List.of(PLACED, CONFIRMED, ALL_SHIPPED, COMPLETED, DELETED);

    public static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    public static LineQuantity qty(BookId book, int quantity) {
        return new LineQuantity(book, Quantity.of(quantity));
    }

    public static BookId book(int n) {
        return new BookId(new UUID(0x0192f0c83c4b7d8eL, 0x9f00_0000_0000_0000L + n));
    }
}

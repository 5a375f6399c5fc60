package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.Address;

/** What can be asked of an order. Every command carries the time it is decided at; deciders never read a clock. */
public sealed interface OrderCommand {
    OrderId orderId();

    Instant at();

    /** Places an order from a basket snapshot: lines priced by the catalog, the buyer and address copied in. */
    record PlaceOrder(OrderId orderId, BuyerSnapshot buyer, Address shippingAddress, List<OrderLine> lines, Instant at)
            implements OrderCommand {
        public PlaceOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(shippingAddress, "shipping address");
            Objects.requireNonNull(at, "at");
            lines = OrderLines.validate(lines);
        }
    }

    /** Checkout reserved the items and authorized the payment. */
    record ConfirmOrder(OrderId orderId, Instant at) implements OrderCommand {
        public ConfirmOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Checkout could not reserve or pay, or timed out; compensation is checkout's job. */
    record FailOrder(OrderId orderId, FailureReason reason, Instant at) implements OrderCommand {
        public FailOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    record ModifyOrder(OrderId orderId, Modification change, Instant at) implements OrderCommand {
        public ModifyOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Ships some or all of what is still open, by book and quantity. */
    record ShipItems(OrderId orderId, List<LineQuantity> lines, Instant at) implements OrderCommand {
        public ShipItems {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
            lines = LineQuantity.requireDistinct(lines, "a shipment");
        }
    }

    /** Ships everything still open. */
    record ShipRemaining(OrderId orderId, Instant at) implements OrderCommand {
        public ShipRemaining {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Delivered: completes a shipped order, or closes a partially shipped one and cancels what is left. */
    record CompleteOrder(OrderId orderId, Instant at) implements OrderCommand {
        public CompleteOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Cancels an order before anything shipped. */
    record CancelOrder(OrderId orderId, CancelledBy by, Instant at) implements OrderCommand {
        public CancelOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(by, "cancelled by");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Admin soft delete of a finished order: hidden from queries, history kept. */
    record DeleteOrder(OrderId orderId, Instant at) implements OrderCommand {
        public DeleteOrder {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }
}

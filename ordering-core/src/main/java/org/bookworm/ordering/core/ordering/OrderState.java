package org.bookworm.ordering.core.ordering;

/** The stages of an order's life as types: a stage holds exactly what can be done to it. */
public sealed interface OrderState {

    record None() implements OrderState {}

    /** Every stage after placement. */
    sealed interface Existing extends OrderState {
        OrderFacts facts();

        OrderStatus status();
    }

    /** Stages in which the order can still be changed or cancelled: nothing has shipped. */
    sealed interface BeforeShipment extends Existing {}

    /** Stages in which items can ship. */
    sealed interface Shippable extends Existing {}

    record Placed(OrderFacts facts) implements BeforeShipment {
        public OrderStatus status() {
            return OrderStatus.PLACED;
        }
    }

    record Confirmed(OrderFacts facts) implements BeforeShipment, Shippable {
        public OrderStatus status() {
            return OrderStatus.CONFIRMED;
        }
    }

    record PartiallyShipped(OrderFacts facts) implements Shippable {
        public OrderStatus status() {
            return OrderStatus.PARTIALLY_SHIPPED;
        }
    }

    record Shipped(OrderFacts facts) implements Existing {
        public OrderStatus status() {
            return OrderStatus.SHIPPED;
        }
    }

    record Completed(OrderFacts facts) implements Existing {
        public OrderStatus status() {
            return OrderStatus.COMPLETED;
        }
    }

    record Cancelled(OrderFacts facts, CancelledBy by) implements Existing {
        public OrderStatus status() {
            return OrderStatus.CANCELLED;
        }
    }

    record Failed(OrderFacts facts, FailureReason reason) implements Existing {
        public OrderStatus status() {
            return OrderStatus.FAILED;
        }
    }
}

package org.bookworm.ordering.core.finance;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.acceptAll;
import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.finance.PaymentCommand.Authorize;
import org.bookworm.ordering.core.finance.PaymentCommand.Capture;
import org.bookworm.ordering.core.finance.PaymentCommand.Decline;
import org.bookworm.ordering.core.finance.PaymentCommand.Refund;
import org.bookworm.ordering.core.finance.PaymentCommand.VoidAuthorization;
import org.bookworm.ordering.core.finance.PaymentEvent.AuthorizationVoided;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentAuthorized;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentCaptured;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentDeclined;
import org.bookworm.ordering.core.finance.PaymentEvent.PaymentRefunded;
import org.bookworm.ordering.core.finance.PaymentRejection.Closed;
import org.bookworm.ordering.core.finance.PaymentRejection.ExceedsAuthorized;
import org.bookworm.ordering.core.finance.PaymentRejection.ExceedsCaptured;
import org.bookworm.ordering.core.finance.PaymentRejection.NotAuthorized;
import org.bookworm.ordering.core.finance.PaymentState.Active;
import org.bookworm.ordering.core.finance.PaymentState.NoPayment;

/**
 * One order's payment (stream {@code payment-<orderId>}): authorize (more than once when a modification raises the
 * total), capture per shipment, void what is left, refund. Guarantees: captured + voided ≤ authorized, refunded ≤
 * captured, and each movement is recorded once: a command whose key was seen before yields no events. After a void
 * the payment is closed to new authorizations and captures; refunds remain possible.
 */
final class PaymentDecider implements Decider<PaymentCommand, PaymentState, PaymentEvent, PaymentRejection> {
    public static final int VERSION = 1;

    @Override
    public PaymentState initialState() {
        return new NoPayment(Set.of());
    }

    @Override
    public boolean isTerminal(PaymentState state) {
        return state instanceof Active active
                && active.closed()
                && active.refundable().isZero();
    }

    @Override
    public Decision<PaymentEvent, PaymentRejection> decide(PaymentCommand command, PaymentState state) {
        if (state.keys().contains(command.key())) {
            return acceptAll(List.of()); // this movement was recorded before
        }
        return switch (command) {
            case Authorize c when state instanceof Active a && a.closed() -> reject(new Closed(c.orderId()));
            case Authorize c -> accept(new PaymentAuthorized(c.orderId(), c.key(), c.amount(), c.reference(), c.at()));
            case Decline c -> accept(new PaymentDeclined(c.orderId(), c.key(), c.reason(), c.at()));
            case Capture c when !(state instanceof Active) -> reject(new NotAuthorized(c.orderId()));
            case Capture c when ((Active) state).closed() -> reject(new Closed(c.orderId()));
            case Capture c
            when c.amount().isGreaterThan(((Active) state).open()) ->
                reject(new ExceedsAuthorized(c.orderId(), c.amount(), ((Active) state).open()));
            case Capture c -> accept(new PaymentCaptured(c.orderId(), c.key(), c.amount(), c.at()));
            case VoidAuthorization c
            when state instanceof Active a && !a.closed() ->
                accept(new AuthorizationVoided(c.orderId(), c.key(), a.open(), c.at()));
            case VoidAuthorization c -> acceptAll(List.of()); // nothing authorized, or voided before
            case Refund c when !(state instanceof Active) -> reject(new NotAuthorized(c.orderId()));
            case Refund c
            when c.amount().isGreaterThan(((Active) state).refundable()) ->
                reject(new ExceedsCaptured(c.orderId(), c.amount(), ((Active) state).refundable()));
            case Refund c -> accept(new PaymentRefunded(c.orderId(), c.key(), c.amount(), c.at()));
        };
    }

    /** The transition table. Events are facts: an impossible pair is a bug or a corrupt stream. */
    @Override
    public PaymentState evolve(PaymentState state, PaymentEvent event) {
        Set<UUID> keys = with(state.keys(), event.key());
        return switch (state) {
            case NoPayment s
            when event instanceof PaymentAuthorized e -> {
                Money zero = Money.zero(e.amount().currency());
                yield new Active(e.orderId(), e.reference(), e.amount(), zero, zero, zero, false, keys);
            }
            case NoPayment s when event instanceof PaymentDeclined -> new NoPayment(keys);
            case Active s -> evolveActive(s, event, keys);
            default ->
                throw new IllegalStateException(
                        "no transition from " + state.getClass().getSimpleName() + " on "
                                + event.getClass().getSimpleName());
        };
    }

    private static PaymentState evolveActive(Active s, PaymentEvent event, Set<UUID> keys) {
        return switch (event) {
            case PaymentAuthorized e ->
                new Active(
                        s.orderId(),
                        s.reference(),
                        s.authorized().plus(e.amount()),
                        s.captured(),
                        s.voided(),
                        s.refunded(),
                        s.closed(),
                        keys);
            case PaymentDeclined e ->
                new Active(
                        s.orderId(),
                        s.reference(),
                        s.authorized(),
                        s.captured(),
                        s.voided(),
                        s.refunded(),
                        s.closed(),
                        keys);
            case PaymentCaptured e ->
                new Active(
                        s.orderId(),
                        s.reference(),
                        s.authorized(),
                        s.captured().plus(e.amount()),
                        s.voided(),
                        s.refunded(),
                        s.closed(),
                        keys);
            case AuthorizationVoided e ->
                new Active(
                        s.orderId(),
                        s.reference(),
                        s.authorized(),
                        s.captured(),
                        s.voided().plus(e.amount()),
                        s.refunded(),
                        true,
                        keys);
            case PaymentRefunded e ->
                new Active(
                        s.orderId(),
                        s.reference(),
                        s.authorized(),
                        s.captured(),
                        s.voided(),
                        s.refunded().plus(e.amount()),
                        s.closed(),
                        keys);
        };
    }

    private static Set<UUID> with(Set<UUID> keys, UUID key) {
        var all = new HashSet<>(keys);
        all.add(key);
        return all;
    }
}

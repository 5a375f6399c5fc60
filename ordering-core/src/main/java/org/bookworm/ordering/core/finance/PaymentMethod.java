package org.bookworm.ordering.core.finance;

import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.common.Texts;

/**
 * An opaque payment-method token issued by the payment provider (never a card number). The simulated gateway reads
 * test tokens: {@code tok_approve} (and any other token) approves, {@code tok_decline} declines, {@code tok_timeout}
 * never answers in time. At most 200 printable characters.
 */
@Published
public record PaymentMethod(String token) {
    public static final PaymentMethod APPROVE = new PaymentMethod("tok_approve");
    public static final PaymentMethod DECLINE = new PaymentMethod("tok_decline");
    public static final PaymentMethod TIME_OUT = new PaymentMethod("tok_timeout");

    public PaymentMethod {
        Texts.requireClean(token, "payment method token", 200);
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a payment method token has no spaces");
        }
    }

    /** Never the token itself in logs and messages: its first characters only. */
    @Override
    public String toString() {
        return "PaymentMethod[" + (token.length() <= 8 ? token : token.substring(0, 8) + "...") + "]";
    }
}

package org.bookworm.ordering.core.notification;

import java.util.Objects;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.order.OrderId;

/** A rendered e-mail about an order: recipient, greeting name, subject and plain-text body. */
public record Email(OrderId order, EmailKind kind, EmailAddress to, String toName, String subject, String body) {
    public Email {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toName, "to name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}

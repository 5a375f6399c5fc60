package org.bookworm.ordering.core.notification;

import java.util.Objects;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * A rendered e-mail about an order: recipient (null when the buyer gave no e-mail address: the e-mail is recorded as
 * unsendable and never sent), greeting name, subject, a plain-text body and the same content as HTML. Mailers send
 * both as {@code multipart/alternative}.
 */
public record Email(
        OrderId order,
        EmailKind kind,
        @Nullable EmailAddress to,
        String toName,
        String subject,
        String body,
        String html) {
    public Email {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(toName, "to name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        // rows queued before e-mails had an HTML part carry only text: their HTML part is that text, escaped
        html = html == null ? EmailHtml.preformatted(body) : html;
    }

    /** An e-mail with a text body only; its HTML part is the text, escaped. */
    public Email(OrderId order, EmailKind kind, @Nullable EmailAddress to, String toName, String subject, String body) {
        this(order, kind, to, toName, subject, body, EmailHtml.preformatted(body));
    }

    /** False when there is no address to send it to. */
    public boolean sendable() {
        return to != null;
    }
}

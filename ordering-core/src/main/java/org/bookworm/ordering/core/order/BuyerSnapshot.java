package org.bookworm.ordering.core.order;

import java.util.Objects;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;

/**
 * Who placed the order, copied onto the order when it is placed, so that later messages and e-mails never depend on
 * a request's ambient identity (BookWorm defect 1) or on the buyer profile still existing.
 */
public record BuyerSnapshot(BuyerId id, PersonName name, EmailAddress email) {
    public BuyerSnapshot {
        Objects.requireNonNull(id, "buyer id");
        Objects.requireNonNull(name, "buyer name");
        Objects.requireNonNull(email, "buyer e-mail");
    }
}

package org.bookworm.ordering.core.ordering;

import java.util.Objects;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Published;
import org.jspecify.annotations.Nullable;

/**
 * Who placed the order, copied onto the order when it is placed, so that later messages and e-mails never depend on
 * a request's ambient identity (BookWorm defect 1) or on the buyer profile still existing. {@code email} is null for
 * a buyer without an e-mail address: the order works, its e-mails are recorded as unsendable.
 */
@Published
public record BuyerSnapshot(
        BuyerId id, PersonName name, @Nullable EmailAddress email) {
    public BuyerSnapshot {
        Objects.requireNonNull(id, "buyer id");
        Objects.requireNonNull(name, "buyer name");
    }
}

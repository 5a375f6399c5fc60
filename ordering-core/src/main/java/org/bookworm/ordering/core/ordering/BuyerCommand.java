package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.Objects;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;

/** What can be asked of a buyer profile. The buyer id is always the user's id, taken from the caller's token. */
public sealed interface BuyerCommand {
    BuyerId buyerId();

    Instant at();

    /** A profile without an e-mail address is allowed: its orders work, their e-mails are recorded as unsendable. */
    record CreateBuyer(
            BuyerId buyerId, PersonName name, @Nullable EmailAddress email, Address address, Instant at)
            implements BuyerCommand {
        public CreateBuyer {
            Objects.requireNonNull(buyerId, "buyer id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(at, "at");
        }
    }

    record UpdateBuyerAddress(BuyerId buyerId, Address address, Instant at) implements BuyerCommand {
        public UpdateBuyerAddress {
            Objects.requireNonNull(buyerId, "buyer id");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(at, "at");
        }
    }

    record DeleteBuyer(BuyerId buyerId, Instant at) implements BuyerCommand {
        public DeleteBuyer {
            Objects.requireNonNull(buyerId, "buyer id");
            Objects.requireNonNull(at, "at");
        }
    }
}

package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.jspecify.annotations.Nullable;

/** The facts of a buyer profile, in stream {@code buyer-<id>}. */
public sealed interface BuyerEvent extends DomainEvent {
    BuyerId buyerId();

    Instant at();

    /** {@code email} is null for a buyer without an e-mail address (no e-mail is ever sent to them). */
    record BuyerCreated(
            BuyerId buyerId, PersonName name, @Nullable EmailAddress email, Address address, Instant at)
            implements BuyerEvent {}

    record BuyerAddressUpdated(BuyerId buyerId, Address address, Instant at) implements BuyerEvent {}

    /** The profile is gone; the buyer's orders stay (BookWorm's delete failed when orders existed). */
    record BuyerDeleted(BuyerId buyerId, Instant at) implements BuyerEvent {}
}

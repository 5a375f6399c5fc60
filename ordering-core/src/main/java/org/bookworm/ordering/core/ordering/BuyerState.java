package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;

/** A buyer profile: none yet, active, or deleted (a deleted profile may be created again). */
public sealed interface BuyerState {
    record None() implements BuyerState {}

    /** {@code email} is null when the buyer gave none. */
    record Active(BuyerId id, PersonName name, @Nullable EmailAddress email, Address address) implements BuyerState {}

    record Deleted(BuyerId id) implements BuyerState {}
}

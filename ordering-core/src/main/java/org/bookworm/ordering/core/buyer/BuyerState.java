package org.bookworm.ordering.core.buyer;

import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;

/** A buyer profile: none yet, active, or deleted (a deleted profile may be created again). */
public sealed interface BuyerState {
    record None() implements BuyerState {}

    record Active(BuyerId id, PersonName name, EmailAddress email, Address address) implements BuyerState {}

    record Deleted(BuyerId id) implements BuyerState {}
}

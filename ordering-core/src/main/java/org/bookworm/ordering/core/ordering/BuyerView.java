package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;

/** The buyer read model, as of stream version {@code version}; {@code email} is null when the buyer gave none. */
public record BuyerView(
        BuyerId id, PersonName name, @Nullable EmailAddress email, Address address, long version, boolean deleted) {}

package org.bookworm.ordering.core.port;

import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;

/** The buyer read model, as of stream version {@code version}. */
public record BuyerView(
        BuyerId id, PersonName name, EmailAddress email, Address address, long version, boolean deleted) {}

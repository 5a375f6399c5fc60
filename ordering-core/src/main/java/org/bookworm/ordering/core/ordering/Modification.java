package org.bookworm.ordering.core.ordering;

import java.util.Objects;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;

/** A change to an order before its first shipment. */
public sealed interface Modification {

    /** Sets the quantity of the line of {@code book}. */
    record ChangeQuantity(BookId book, Quantity quantity) implements Modification {
        public ChangeQuantity {
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /** Removes the line of {@code book}; never the last line (cancel the order instead). */
    record RemoveLine(BookId book) implements Modification {
        public RemoveLine {
            Objects.requireNonNull(book, "book");
        }
    }

    record ChangeShippingAddress(Address address) implements Modification {
        public ChangeShippingAddress {
            Objects.requireNonNull(address, "address");
        }
    }

    static Modification shipTo(Address address) {
        return new ChangeShippingAddress(address);
    }
}

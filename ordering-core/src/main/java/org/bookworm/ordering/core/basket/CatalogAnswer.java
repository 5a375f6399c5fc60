package org.bookworm.ordering.core.basket;

import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;

/** What a catalog administration call answered: done with a value, or refused (nothing changed). */
public sealed interface CatalogAnswer<T> {
    record Done<T>(T value) implements CatalogAnswer<T> {
        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(Rejection reason) implements CatalogAnswer<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why catalog administration refused, worded for the admin who asked. */
    sealed interface Rejection {
        String message();

        /** The book id is not in the catalog. */
        record UnknownBook(BookId book) implements Rejection {
            public String message() {
                return "no book " + book + " in the catalog: add it with PutBook first";
            }
        }

        /** The request id brought another delivery before (another book or number of copies); nothing changed. */
        record DeliveryIdReused(String requestId) implements Rejection {
            public String message() {
                return "request id " + requestId + " recorded another delivery: use a new request id per delivery";
            }
        }
    }
}

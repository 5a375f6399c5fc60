package org.bookworm.ordering.core.basket;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a change to a basket answered: the basket after it ({@link Done}), a refusal by the basket's rules
 * ({@link Refused}), or a request id that already answered another request ({@link RequestReused}). Only {@code
 * Done} changed anything. A change retried with its request id answers exactly what the first call answered.
 */
public sealed interface BasketAnswer<T> {

    /** The change was made (or was already made by the first call with this request id); the basket after it. */
    record Done<T>(T basket) implements BasketAnswer<T> {
        public Done {
            Objects.requireNonNull(basket, "basket");
        }
    }

    /** The basket's rules refused the change; nothing changed. */
    record Refused<T>(BasketRejection reason) implements BasketAnswer<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The request id answered a different request before; nothing changed. */
    record RequestReused<T>(String requestId) implements BasketAnswer<T> {
        public RequestReused {
            Objects.requireNonNull(requestId, "request id");
        }
    }

    /** The same answer with the basket turned into another form (a priced one, a reply). */
    default <U> BasketAnswer<U> map(Function<T, U> mapping) {
        return switch (this) {
            case Done<T> done -> new Done<>(mapping.apply(done.basket()));
            case Refused<T> refused -> new Refused<>(refused.reason());
            case RequestReused<T> reused -> new RequestReused<>(reused.requestId());
        };
    }

    /** The basket, for callers that expect the change to pass (tests, demos). @throws IllegalStateException if not */
    default T orElseThrow() {
        return switch (this) {
            case Done<T> done -> done.basket();
            case Refused<T> refused ->
                throw new IllegalStateException(refused.reason().message());
            case RequestReused<T> reused ->
                throw new IllegalStateException("request id " + reused.requestId() + " answered another request");
        };
    }
}

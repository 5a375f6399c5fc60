package org.bookworm.ordering.core.basket;

import java.util.Objects;

/**
 * The request id a client sent with a basket change, and the hash of what it asked: a store answers a retry with the
 * same id and hash exactly as it answered the first call, and a reuse of the id for another request with {@link
 * BasketAnswer.RequestReused}.
 */
public record BasketRequest(String id, String hash) {
    public BasketRequest {
        Objects.requireNonNull(id, "id");
        // the rule of every request id (IdempotencyRecord): stores keep it verbatim as a field name
        if (id.isEmpty() || id.length() > 255 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a request id has 1 to 255 printable ASCII characters without spaces");
        }
        Objects.requireNonNull(hash, "hash");
        if (hash.isEmpty() || hash.length() > 128) {
            throw new IllegalArgumentException("a request hash has 1 to 128 characters");
        }
    }
}

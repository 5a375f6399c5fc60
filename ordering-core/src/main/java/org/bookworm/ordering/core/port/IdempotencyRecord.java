package org.bookworm.ordering.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's request key, scoped to the caller, with the hash of the request it first came with and the answer it
 * got. Stored in the same transaction as the events of that answer.
 */
public record IdempotencyRecord(String scope, String key, String requestHash, String outcome, Instant createdAt) {
    public static final int MAX_KEY_LENGTH = 255;

    public IdempotencyRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(requestHash, "request hash");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(createdAt, "created at");
        requireValidKey(key);
    }

    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a request id has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a request id is printable ASCII without spaces");
        }
        return key;
    }
}

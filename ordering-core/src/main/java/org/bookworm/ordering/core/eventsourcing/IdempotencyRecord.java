package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's request key, scoped to the caller, with the hash of the request it first came with and where that
 * request stands: still in flight (claimed until a moment, so a duplicate waits for it) or done (with the outcome the
 * request got, stored in the same append as the events of that outcome). Business refusals are never stored.
 */
public record IdempotencyRecord(String scope, String key, String requestHash, Answer answer, Instant createdAt) {
    public static final int MAX_KEY_LENGTH = 255;

    public IdempotencyRecord {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(requestHash, "request hash");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(createdAt, "created at");
        requireValidKey(key);
    }

    /** Where the first request with this key stands. */
    public sealed interface Answer {
        /**
         * The first request is running; its claim holds until {@code until}. A claim still held after that belongs to
         * a request that died (a crashed process): another request with the key may take it over.
         */
        record InFlight(Instant until) implements Answer {
            public InFlight {
                Objects.requireNonNull(until, "until");
            }
        }

        /** The first request was done: its append left {@code stream} at {@code version}. */
        record Done(StreamId stream, long version) implements Answer {
            public Done {
                Objects.requireNonNull(stream, "stream");
                if (version < 0) {
                    throw new IllegalArgumentException("a stream version is never negative");
                }
            }
        }
    }

    /** A claim for a request about to run, held until {@code until}. */
    public static IdempotencyRecord inFlight(String scope, String key, String requestHash, Instant now, Instant until) {
        return new IdempotencyRecord(scope, key, requestHash, new Answer.InFlight(until), now);
    }

    /** The outcome of a request that was done, to store with the append that answers it. */
    public static IdempotencyRecord done(
            String scope, String key, String requestHash, StreamId stream, long version, Instant now) {
        return new IdempotencyRecord(scope, key, requestHash, new Answer.Done(stream, version), now);
    }

    /** True for a claim of a request that is still running at {@code now}. */
    public boolean heldAt(Instant now) {
        return answer instanceof Answer.InFlight inFlight && inFlight.until().isAfter(now);
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

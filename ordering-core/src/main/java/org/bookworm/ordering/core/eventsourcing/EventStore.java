package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Driven port: the append-only log of every event-sourced stream. Every implementation passes {@code
 * EventStoreContract}.
 */
public interface EventStore {

    /** All events of the stream in version order; an unknown stream is empty at version 0. */
    default EventStream load(StreamId stream) {
        return load(stream, 0, Long.MAX_VALUE);
    }

    /** The events with {@code afterVersion < version <= upToVersion}, in version order. */
    EventStream load(StreamId stream, long afterVersion, long upToVersion);

    /** The stream as it was at {@code instant}: the events recorded at or before it. */
    EventStream loadAsOf(StreamId stream, Instant instant);

    /**
     * Appends atomically if the stream is still at {@code expectedVersion} and returns the new version. Sending the
     * same event ids again after an unknown outcome writes nothing and returns the version of the first append.
     * An empty list writes nothing and returns the current version if it is the expected one.
     *
     * @param idempotency a request's done record to store in the same transaction, or null: it completes the key's
     *     claim (or takes a free key), and is refused when the key is done already or claimed with another request
     *     hash
     * @throws ConcurrencyConflict if another writer appended first; nothing is written
     * @throws IdempotencyKeyTaken if the key was done by another request first; nothing is written
     */
    long append(StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency);

    default long append(StreamId stream, long expectedVersion, List<NewEvent> events) {
        return append(stream, expectedVersion, events, null);
    }
}

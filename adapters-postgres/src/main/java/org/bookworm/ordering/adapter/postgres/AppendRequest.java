package org.bookworm.ordering.adapter.postgres;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;

/** One caller's append, as the group committer queues it. */
record AppendRequest(
        StreamId stream,
        long expectedVersion,
        List<NewEvent> events,
        @Nullable IdempotencyRecord idempotency) {
    AppendRequest {
        Objects.requireNonNull(stream, "stream");
        events = List.copyOf(events);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("an expected version is never negative");
        }
        if (expectedVersion + events.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a stream holds at most " + Integer.MAX_VALUE + " events");
        }
    }
}

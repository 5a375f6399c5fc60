package org.bookworm.ordering.core.eventsourcing;

import java.util.Objects;

/**
 * A folded state of a stream at a version, tagged with the decider version that folded it. A cache only: a snapshot
 * of another decider version, or one that cannot be read, is discarded and the stream replayed.
 */
public record Snapshot(StreamId stream, long version, int deciderVersion, Object state) {
    public Snapshot {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(state, "state");
        if (version < 1) {
            throw new IllegalArgumentException("a snapshot is taken after at least one event");
        }
    }
}

package org.bookworm.ordering.benchmarks;

import java.util.UUID;

/**
 * A subject that loads a stream the way the application does: its latest snapshot, then the events after it. Only
 * ours implements it; the load driver reports it as a row of its own.
 */
interface SnapshotLoads {

    /** Stores the state folded from the stream's first {@code version} events as its snapshot. */
    void snapshot(UUID stream, long version);

    /** Loads from the latest snapshot and the events after it; returns the version the state reached. */
    long loadFromSnapshot(UUID stream);
}

package org.bookworm.ordering.core.eventsourcing;

import java.util.Optional;

/** Driven port: the latest snapshot per stream. Every implementation passes {@code SnapshotsContract}. */
public interface Snapshots {

    /** The latest snapshot folded by {@code deciderVersion}, if any; snapshots of other versions are not returned. */
    Optional<Snapshot> load(StreamId stream, int deciderVersion);

    /** Keeps the snapshot unless a newer one of the stream is already stored. */
    void save(Snapshot snapshot);
}

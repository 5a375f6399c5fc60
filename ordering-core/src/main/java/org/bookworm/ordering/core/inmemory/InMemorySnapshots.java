package org.bookworm.ordering.core.inmemory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.Snapshots;
import org.bookworm.ordering.core.eventsourcing.StreamId;

/** The latest snapshot per stream, in a map. */
public final class InMemorySnapshots implements Snapshots {
    private final ConcurrentHashMap<StreamId, Snapshot> latest = new ConcurrentHashMap<>();

    @Override
    public Optional<Snapshot> load(StreamId stream, int deciderVersion) {
        return Optional.ofNullable(latest.get(stream)).filter(s -> s.deciderVersion() == deciderVersion);
    }

    @Override
    public void save(Snapshot snapshot) {
        latest.merge(snapshot.stream(), snapshot, (old, neu) -> neu.version() >= old.version() ? neu : old);
    }
}

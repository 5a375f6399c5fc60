package org.bookworm.ordering.core.inmemory;

import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/** Checkpoints in a map. */
public final class InMemoryCheckpoints implements Checkpoints {
    private final ConcurrentHashMap<String, LogPosition> positions = new ConcurrentHashMap<>();

    @Override
    public LogPosition load(String subscription) {
        return positions.getOrDefault(subscription, LogPosition.START);
    }

    @Override
    public void save(String subscription, LogPosition position) {
        positions.put(subscription, position);
    }
}

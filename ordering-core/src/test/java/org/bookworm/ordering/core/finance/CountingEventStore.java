package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * An event store that counts the loads and the appends of each kind of stream ({@code checkout-*}, {@code order-*},
 * ...), grouped by the step under way (the name the test gives the work in progress: the command or the event a
 * reactor is handling), and otherwise does what the store it wraps does.
 */
final class CountingEventStore implements EventStore {
    private final EventStore store;
    private final Map<StreamType, Map<String, Integer>> loads = new HashMap<>();
    private final Map<StreamType, Map<String, Integer>> appends = new HashMap<>();
    private String step = "outside any step";
    private @Nullable StreamType failNext;

    CountingEventStore(EventStore store) {
        this.store = store;
    }

    /** Loads from now on count towards {@code name}. */
    void during(String name) {
        step = name;
    }

    /** Saga loads per step. */
    Map<String, Integer> sagaLoads() {
        return loads(CheckoutSagaService.STREAM);
    }

    /** Loads of streams of {@code type} per step. */
    Map<String, Integer> loads(StreamType type) {
        return Map.copyOf(loads.getOrDefault(type, Map.of()));
    }

    /** The next append to a stream of {@code type} fails as a store that cannot be reached, writing nothing. */
    void failNextAppendTo(StreamType type) {
        failNext = type;
    }

    /** Appends to streams of {@code type} per step, whatever their outcome. */
    Map<String, Integer> appends(StreamType type) {
        return Map.copyOf(appends.getOrDefault(type, Map.of()));
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
        loads.computeIfAbsent(stream.type(), type -> new TreeMap<>()).merge(step, 1, Integer::sum);
        return store.load(stream, afterVersion, upToVersion);
    }

    @Override
    public EventStream loadAsOf(StreamId stream, Instant instant) {
        return store.loadAsOf(stream, instant);
    }

    @Override
    public long append(
            StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
        appends.computeIfAbsent(stream.type(), type -> new TreeMap<>()).merge(step, 1, Integer::sum);
        if (stream.type().equals(failNext)) {
            failNext = null;
            throw new StoreUnavailable("the store is down", new IllegalStateException("a test's outage"));
        }
        return store.append(stream, expectedVersion, events, idempotency);
    }
}

package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/** Held lanes in insertion order, each with its events in log order; every method is atomic. */
public final class InMemoryDeadLetters implements DeadLetters {
    private final Map<Key, HeldLane> lanes = new LinkedHashMap<>();

    private record Key(String subscription, UUID lane) {}

    private static final class HeldLane {
        Hold hold;
        final List<RecordedEvent> events = new ArrayList<>();

        HeldLane(Hold hold) {
            this.hold = hold;
        }
    }

    @Override
    public synchronized void hold(String subscription, RecordedEvent event, Hold hold) {
        HeldLane lane =
                lanes.computeIfAbsent(new Key(subscription, event.stream().id()), key -> new HeldLane(hold));
        boolean handledOrHeld = lane.events.stream()
                .anyMatch(held -> held.eventId().equals(event.eventId())
                        || !event.position().isAfter(held.position()));
        if (!handledOrHeld) {
            lane.events.add(event);
        }
    }

    @Override
    public synchronized boolean update(String subscription, UUID lane, Hold hold) {
        HeldLane held = lanes.get(new Key(subscription, lane));
        if (held == null) {
            return false;
        }
        held.hold = hold;
        return true;
    }

    @Override
    public synchronized void release(String subscription, RecordedEvent event) {
        var key = new Key(subscription, event.stream().id());
        HeldLane held = lanes.get(key);
        if (held != null) {
            held.events.removeIf(waiting -> waiting.eventId().equals(event.eventId()));
            if (held.events.isEmpty()) {
                lanes.remove(key);
            }
        }
    }

    @Override
    public synchronized List<Lane> lanes(String subscription) {
        return lanes.entrySet().stream()
                .filter(entry -> entry.getKey().subscription().equals(subscription))
                .map(entry -> new Lane(
                        subscription,
                        entry.getKey().lane(),
                        entry.getValue().hold,
                        entry.getValue().events.size()))
                .toList();
    }

    @Override
    public synchronized List<RecordedEvent> events(String subscription, UUID lane) {
        HeldLane held = lanes.get(new Key(subscription, lane));
        return held == null ? List.of() : List.copyOf(held.events);
    }

    @Override
    public synchronized List<DeadLetter> list(String subscription) {
        var letters = new ArrayList<DeadLetter>();
        lanes.forEach((key, held) -> {
            if (key.subscription().equals(subscription)) {
                held.events.forEach(event ->
                        letters.add(new DeadLetter(subscription, event, held.hold.status(), held.hold.error())));
            }
        });
        return List.copyOf(letters);
    }

    @Override
    public synchronized int drop(String subscription, UUID lane) {
        HeldLane held = lanes.remove(new Key(subscription, lane));
        return held == null ? 0 : held.events.size();
    }
}

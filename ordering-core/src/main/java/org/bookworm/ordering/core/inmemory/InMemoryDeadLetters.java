package org.bookworm.ordering.core.inmemory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;

/** Parked events in a list. */
public final class InMemoryDeadLetters implements DeadLetters {
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    @Override
    public void park(String subscription, RecordedEvent event, String error) {
        boolean already = letters.stream()
                .anyMatch(l -> l.subscription().equals(subscription)
                        && l.event().eventId().equals(event.eventId()));
        if (!already) {
            letters.add(new DeadLetter(subscription, event, error));
        }
    }

    @Override
    public Set<StreamId> parkedStreams(String subscription) {
        return letters.stream()
                .filter(l -> l.subscription().equals(subscription))
                .map(l -> l.event().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<DeadLetter> list(String subscription) {
        return letters.stream()
                .filter(l -> l.subscription().equals(subscription))
                .toList();
    }
}

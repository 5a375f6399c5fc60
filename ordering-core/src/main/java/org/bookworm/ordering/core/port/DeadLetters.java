package org.bookworm.ordering.core.port;

import java.util.List;
import java.util.Set;

/**
 * Driven port: events a subscription could not handle, parked with their error so the subscription keeps going.
 * Once one event of a stream is parked, the later events of that stream are parked behind it (per-stream order holds).
 */
public interface DeadLetters {

    record DeadLetter(String subscription, RecordedEvent event, String error) {}

    void park(String subscription, RecordedEvent event, String error);

    /** Streams with parked events for this subscription. */
    Set<StreamId> parkedStreams(String subscription);

    List<DeadLetter> list(String subscription);
}

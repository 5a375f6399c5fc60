package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.util.List;

/**
 * Driven port: the global log of all streams, for subscriptions. Order holds within a stream (by version); across
 * streams readers may rely on nothing. A reader that resumes after a position it read never misses an event that
 * committed later with a smaller position, and never gets one twice. Every implementation passes {@code
 * EventLogContract}.
 */
public interface EventLog {

    /** Up to {@code limit} committed events after {@code after}, in log order. */
    List<RecordedEvent> readAfter(LogPosition after, int limit);

    /**
     * Waits at most {@code timeout} for events after {@code after}; true if some may be there. A wake-up hint only:
     * callers read again whatever it answers.
     */
    boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException;
}

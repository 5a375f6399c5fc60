package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Driven port: the global log of all streams, for subscriptions. Order holds within a stream (by version); across
 * streams readers may rely on nothing. A reader that resumes after a position it read never misses an event that
 * committed later with a smaller position, and never gets one twice. Every implementation passes {@code
 * EventLogContract}.
 */
public interface EventLog {

    /**
     * Up to {@code limit} committed events after {@code after} that match {@code filter}, in log order, and how far the
     * log was looked through for them. Resuming after {@link Page#end} misses no matching event and repeats none.
     */
    Page read(LogPosition after, int limit, EventFilter filter);

    /** Up to {@code limit} committed events after {@code after}, in log order. */
    default List<RecordedEvent> readAfter(LogPosition after, int limit) {
        return read(after, limit, EventFilter.ALL).events();
    }

    /**
     * Waits at most {@code timeout} for events after {@code after}; true if some may be there. A wake-up hint only:
     * callers read again whatever it answers.
     */
    boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException;

    /**
     * As {@link #awaitEvents(LogPosition, Duration)}, for a reader that acts only on what {@code filter} matches: a log
     * that can tell may stay asleep through events the filter leaves out, and answers true once a matching event may
     * lie after {@code after}. A wake-up hint only, as the other; by default it wakes on any event.
     */
    default boolean awaitEvents(LogPosition after, Duration timeout, EventFilter filter) throws InterruptedException {
        return awaitEvents(after, timeout);
    }

    /**
     * What one read found: the matching events, and the position the log was looked through to. {@code end} is the
     * last event's position when the page is full, and may lie past it (up to the last event the read passed over,
     * never past one it could not yet see) when the page is not: a reader saves {@code end} as its checkpoint, so
     * events its filter leaves out are passed over once, and it waits only for events it has not looked at.
     */
    record Page(List<RecordedEvent> events, LogPosition end) {
        public Page {
            events = List.copyOf(events);
            Objects.requireNonNull(end, "end");
            if (!events.isEmpty() && events.get(events.size() - 1).position().isAfter(end)) {
                throw new IllegalArgumentException("a page ends at or after its last event");
            }
        }

        /** Nothing found and nothing passed over. */
        public static Page empty(LogPosition after) {
            return new Page(List.of(), after);
        }
    }
}

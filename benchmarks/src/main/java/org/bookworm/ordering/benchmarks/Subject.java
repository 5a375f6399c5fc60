package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderEvent;

/**
 * The one small interface the load driver measures: append with an expected version, load a stream, read the global
 * log after a position, and wait for new events. Each event store under test implements it over its own database.
 *
 * @param <P> the subject's own log position (a cursor the driver never looks into)
 */
interface Subject<P> extends AutoCloseable {

    String name();

    /**
     * Appends {@code events} to {@code stream} if it is at {@code expectedVersion} (the number of events already in
     * it), in one transaction.
     *
     * @throws Conflict if another writer appended first
     */
    void append(UUID stream, long expectedVersion, List<OrderEvent> events);

    /** The whole stream, decoded, in version order. */
    List<OrderEvent> load(UUID stream);

    /** The position before the first event of the log. */
    P start();

    /** The position after the last event committed now: tailing from here sees only newer events. */
    P head();

    /** Up to {@code limit} events after {@code after}, decoded, in log order. */
    Batch<P> read(P after, int limit);

    /** Like {@link #read}, but waits up to {@code timeout} while there is nothing after {@code after}. */
    Batch<P> tail(P after, int limit, Duration timeout) throws InterruptedException;

    @Override
    void close();

    /** Events read from the global log and the position to read after next. */
    record Batch<P>(List<Read> events, P next) {
        public Batch {
            events = List.copyOf(events);
        }
    }

    /** One event as read from the log: its stream, its version in the stream (from 1) and the decoded event. */
    record Read(UUID stream, long version, OrderEvent event) {}

    /**
     * Another writer appended to the stream first; nothing was written. {@link #caughtUpTo} is the stream's version
     * when the subject's store answered the conflict with the events appended since (as ours does, and its runner
     * folds them instead of reloading), or -1: then the caller reloads the stream.
     */
    final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long caughtUpTo;

        Conflict(String message, Throwable cause) {
            this(message, cause, -1);
        }

        Conflict(String message, Throwable cause, long caughtUpTo) {
            super(message, cause);
            this.caughtUpTo = caughtUpTo;
        }

        long caughtUpTo() {
            return caughtUpTo;
        }
    }
}

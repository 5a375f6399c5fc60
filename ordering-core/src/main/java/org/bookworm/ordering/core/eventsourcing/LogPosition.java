package org.bookworm.ordering.core.eventsourcing;

/**
 * A place in the global log. PostgreSQL orders the log by (writing transaction id, position); the in-memory log uses
 * its position twice. Compare positions only with {@link #compareTo}; never assume positions are dense.
 */
public record LogPosition(long transaction, long position) implements Comparable<LogPosition> {
    public static final LogPosition START = new LogPosition(0, 0);

    public LogPosition {
        if (transaction < 0 || position < 0) {
            throw new IllegalArgumentException("a log position is never negative");
        }
    }

    @Override
    public int compareTo(LogPosition other) {
        int byTransaction = Long.compare(transaction, other.transaction);
        return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
    }

    public boolean isAfter(LogPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return transaction + ":" + position;
    }
}

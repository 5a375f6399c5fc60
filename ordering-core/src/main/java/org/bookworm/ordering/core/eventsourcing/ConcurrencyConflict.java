package org.bookworm.ordering.core.eventsourcing;

/** Another writer appended to the stream first; nothing of this append was written. Reload, decide again, retry. */
public final class ConcurrencyConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StreamId stream;
    private final long expectedVersion;

    public ConcurrencyConflict(StreamId stream, long expectedVersion) {
        super("stream " + stream + " is no longer at version " + expectedVersion);
        this.stream = stream;
        this.expectedVersion = expectedVersion;
    }

    public StreamId stream() {
        return stream;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}

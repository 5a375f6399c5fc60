package org.bookworm.ordering.core.eventsourcing;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Another writer appended to the stream first; nothing of this append was written. Reload, decide again, retry; or,
 * holding the state at the expected version, catch up with {@link #appendedSince()} when the store found them.
 */
public final class ConcurrencyConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StreamId stream;
    private final long expectedVersion;
    private final transient @Nullable EventStream appendedSince;

    public ConcurrencyConflict(StreamId stream, long expectedVersion) {
        this(stream, expectedVersion, null);
    }

    /** With the events after {@code expectedVersion} as the store found them with the conflict (issue 14). */
    public ConcurrencyConflict(StreamId stream, long expectedVersion, @Nullable EventStream appendedSince) {
        super("stream " + stream + " is no longer at version " + expectedVersion);
        this.stream = stream;
        this.expectedVersion = expectedVersion;
        this.appendedSince = appendedSince;
    }

    public StreamId stream() {
        return stream;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The stream's events after the expected version and its version, read with the conflict, or empty when the
     * store did not read them. A caller whose state is at the expected version may fold these instead of reloading
     * the stream; when the expected version was ahead of the stream there are none, and the version is the stream's.
     */
    public Optional<EventStream> appendedSince() {
        return Optional.ofNullable(appendedSince);
    }
}

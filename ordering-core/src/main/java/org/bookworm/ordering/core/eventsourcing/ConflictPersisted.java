package org.bookworm.ordering.core.eventsourcing;

/** Concurrent writers kept winning after every retry: the client may try again. */
public final class ConflictPersisted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictPersisted(StreamId stream, int attempts) {
        super("stream " + stream + " kept changing during " + attempts + " attempts: try again");
    }
}

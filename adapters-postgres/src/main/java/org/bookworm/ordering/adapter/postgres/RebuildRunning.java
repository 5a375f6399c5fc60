package org.bookworm.ordering.adapter.postgres;

/** Another rebuild of the projection is under way (busy, not broken): the message names the backend that runs it. */
public final class RebuildRunning extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RebuildRunning(String projection, String holder) {
        super("another rebuild of " + projection + " is running (" + holder + ")");
    }
}

package org.bookworm.ordering.core.eventsourcing;

/**
 * A request id is held by a request that is still running, and it did not finish within the wait: nothing was done
 * for this call; the client may retry with the same id, which then answers that request's outcome.
 */
public final class RequestInFlight extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RequestInFlight(String key) {
        super("the first request with request id '" + key + "' is still in progress: retry with the same id");
    }
}

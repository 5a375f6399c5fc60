package org.bookworm.ordering.core.finance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The saga's events the checkout reactor acted on as its own decisions appended them, by event id, until the log
 * brings each back and it is passed over once (ADR 0043). Held in memory only: after a restart, or in a process that
 * did not append them, nothing is remembered and the log's delivery acts on them, idempotently, as it always could.
 * It holds at most {@code capacity} ids, the oldest forgotten first, so events the log delivers to another process
 * (the lane moved) cannot grow it without bound; an id forgotten too early costs one idempotent repeat of its step.
 */
final class ActedAhead {
    /** Ids kept: about twice the requests in flight at a thousand checkouts a second for ten seconds. */
    static final int CAPACITY = 65_536;

    /** Remembers nothing: every event is acted on when the log brings it. */
    static final ActedAhead NONE = new ActedAhead(0);

    private final int capacity;
    private final Map<UUID, Boolean> ids;

    ActedAhead(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a capacity is not negative, not " + capacity);
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                return size() > ActedAhead.this.capacity;
            }
        };
    }

    /** Whether it remembers anything: with {@link #NONE} a reactor acts only on what the log brings. */
    boolean acts() {
        return capacity > 0;
    }

    /** Notes that the event was acted on before the log brought it. */
    synchronized void remember(UUID eventId) {
        if (acts()) {
            ids.put(eventId, Boolean.TRUE);
        }
    }

    /** True, once, for an event acted on ahead: its delivery by the log is to be passed over. */
    synchronized boolean passOver(UUID eventId) {
        return ids.remove(eventId) != null;
    }
}

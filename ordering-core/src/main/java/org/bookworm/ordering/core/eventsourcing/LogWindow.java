package org.bookworm.ordering.core.eventsourcing;

import java.util.ArrayList;

/**
 * The most recent events of the global log, in log order, at most {@code capacity} of them: every event after {@link
 * #start} up to {@link #end} is here, the oldest dropped as new ones come. Not thread-safe: {@link TailedEventLog}
 * guards it with its lock.
 */
final class LogWindow {
    private final RecordedEvent[] ring;
    private int head;
    private int size;
    /** Every event after it and up to {@link #end} is in the window. */
    private LogPosition start;
    /** How far the log was looked through: the last event's position, or {@link #start} while none came. */
    private LogPosition end;

    LogWindow(LogPosition start, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one event");
        }
        this.ring = new RecordedEvent[capacity];
        this.start = start;
        this.end = start;
    }

    LogPosition start() {
        return start;
    }

    LogPosition end() {
        return end;
    }

    /** True when every event after {@code after} up to the window's end is in the window. */
    boolean covers(LogPosition after) {
        return !start.isAfter(after) && !after.isAfter(end);
    }

    /** Adds a page the log returned after {@link #end}; the oldest events make room. */
    void add(EventLog.Page page) {
        for (RecordedEvent event : page.events()) {
            if (size == ring.length) {
                start = ring[head].position(); // dropped: the window now starts after it
                ring[head] = null;
                head = (head + 1) % ring.length;
                size--;
            }
            ring[(head + size) % ring.length] = event;
            size++;
        }
        end = page.end();
    }

    /**
     * The page a log would return for {@code after} (which the window {@linkplain #covers covers}): up to {@code limit}
     * matching events, ending at the last of them when full, else at the window's end.
     */
    EventLog.Page page(LogPosition after, int limit, EventFilter filter) {
        var matching = new ArrayList<RecordedEvent>(Math.min(limit, 64));
        for (int i = firstAfter(after); i < size; i++) {
            RecordedEvent event = at(i);
            if (filter.matches(event)) {
                matching.add(event);
                if (matching.size() == limit) {
                    return new EventLog.Page(matching, event.position());
                }
            }
        }
        return new EventLog.Page(matching, end);
    }

    /** True when an event after {@code after} in the window matches {@code filter}. */
    boolean anyAfter(LogPosition after, EventFilter filter) {
        for (int i = firstAfter(after); i < size; i++) {
            if (filter.matches(at(i))) {
                return true;
            }
        }
        return false;
    }

    TailedEventLog.Window status(boolean well) {
        return new TailedEventLog.Window(start, end, size, well);
    }

    private RecordedEvent at(int index) {
        return ring[(head + index) % ring.length];
    }

    /** The index of the first event after {@code after}, or {@link #size} when none is: a binary search. */
    private int firstAfter(LogPosition after) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at(middle).position().isAfter(after)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}

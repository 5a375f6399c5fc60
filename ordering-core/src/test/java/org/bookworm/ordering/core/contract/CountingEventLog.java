package org.bookworm.ordering.core.contract;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;

/**
 * A real log, counted: how often each thread read it, and, for the tail of a {@code TailedEventLog} (its thread is
 * named {@value #TAIL}), a gate that holds its calls and a switch that fails them, so a test can put the tail behind a
 * reader or make it fail. Every answer is the real log's.
 */
public final class CountingEventLog implements EventLog {
    /** The name of the tail's thread. */
    public static final String TAIL = "ordering-log-tail";

    private final EventLog log;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private boolean held;
    private volatile boolean failing;
    private volatile boolean awaitsFailing;

    public CountingEventLog(EventLog log) {
        this.log = log;
    }

    /** Reads made by threads of this name. */
    public int readsBy(String thread) {
        AtomicInteger count = reads.get(thread);
        return count == null ? 0 : count.get();
    }

    /** From now on the tail's calls wait at the gate until {@link #releaseTail}. */
    public void holdTail() {
        synchronized (gate) {
            held = true;
        }
    }

    public void releaseTail() {
        synchronized (gate) {
            held = false;
            gate.notifyAll();
        }
    }

    /** From now on (until told otherwise) the tail's calls fail as a store that is down does. */
    public void failTail(boolean fail) {
        failing = fail;
    }

    @Override
    public Page read(LogPosition after, int limit, EventFilter filter) {
        try {
            pass();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Page.empty(after);
        }
        reads.computeIfAbsent(Thread.currentThread().getName(), name -> new AtomicInteger())
                .incrementAndGet();
        return log.read(after, limit, filter);
    }

    /** From now on (until told otherwise) only the tail's waits fail, as a store that goes down after a read does. */
    public void failTailAwaits(boolean fail) {
        awaitsFailing = fail;
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        pass();
        if (awaitsFailing && Thread.currentThread().getName().equals(TAIL)) {
            throw new StoreUnavailable("the test says the log went down", new IllegalStateException("down"));
        }
        return log.awaitEvents(after, timeout);
    }

    private void pass() throws InterruptedException {
        if (!Thread.currentThread().getName().equals(TAIL)) {
            return;
        }
        synchronized (gate) {
            while (held) {
                gate.wait();
            }
        }
        if (failing) {
            throw new StoreUnavailable("the test says the log is down", new IllegalStateException("down"));
        }
    }
}

package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One reader of a log for a whole process (ADR 0045): a tail thread reads every event of {@code source} page by page
 * after its own end, through the source's own {@code read} and {@code awaitEvents} (so the source's rules, such as
 * PostgreSQL's xid8 horizon, still decide what is readable), and keeps the most recent ones in a {@link LogWindow} of
 * at most {@code capacity} events. Readers whose position lies in the window are answered from memory, as the source
 * would have answered when the tail read it; a reader behind the window (catching up, a rebuild) or ahead of the tail
 * reads the source itself. {@link #awaitEvents(LogPosition, Duration, EventFilter)} waits on the tail's progress and
 * wakes only for events the reader's filter matches; it never asks the source while the tail is well.
 *
 * <p>The window starts where the first reader that caught up with the source stood (the end of its page that was not
 * full): the tail starts then, on a daemon thread. A failure of the source is logged and the tail tries again after
 * {@code pause}; meanwhile every reader reads and waits on the source itself, as without this log, and the window goes
 * on from where the tail stood once a read succeeds, so it never has a gap. {@link #close} stops the tail and waits for
 * its thread; readers then use the source. Events are immutable: every reader shares the window's.
 */
public final class TailedEventLog implements EventLog, AutoCloseable {
    /** Events kept in memory unless told otherwise: seconds of a busy log. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Events the tail asks the source for at once. */
    public static final int DEFAULT_PAGE = 500;
    /**
     * Where the window stands, as an operator (or a test) sees it: the events after {@code start} up to {@code end},
     * and whether the tail is well ({@code false} after a failure of the source, until a read succeeds again).
     */
    public record Window(LogPosition start, LogPosition end, int events, boolean well) {}

    private final EventLog source;
    private final int capacity;
    private final int pageSize;
    private final Duration pause;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the window moves on, the tail fails or recovers, and on close. */
    private final Condition moved = lock.newCondition();

    private @Nullable LogWindow window;
    private @Nullable Thread tail;
    private boolean well = true;
    private boolean closed;

    /** A window of {@value #DEFAULT_CAPACITY} events, read {@value #DEFAULT_PAGE} at a time, retried every second. */
    public TailedEventLog(EventLog source) {
        this(source, DEFAULT_CAPACITY, DEFAULT_PAGE, Duration.ofSeconds(1));
    }

    public TailedEventLog(EventLog source, int capacity, int pageSize, Duration pause) {
        this.source = Objects.requireNonNull(source, "source");
        if (capacity < 1 || pageSize < 1) {
            throw new IllegalArgumentException("a window and a page hold at least one event");
        }
        this.capacity = capacity;
        this.pageSize = pageSize;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public Page read(LogPosition after, int limit, EventFilter filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
        lock.lock();
        try {
            LogWindow current = serving();
            if (current != null && current.covers(after)) {
                return current.page(after, limit, filter);
            }
        } finally {
            lock.unlock();
        }
        Page page = source.read(after, limit, filter);
        if (page.events().size() < limit) {
            startAt(page.end()); // this reader caught up: from here on the tail reads for everyone
        }
        return page;
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        return awaitEvents(after, timeout, EventFilter.ALL);
    }

    /**
     * True at once when {@code after} lies behind the window (the reader reads the source); else when an event the
     * filter matches lies after it in the window, waiting for the tail up to {@code timeout}. While the tail is not
     * well (or not started, or closed), the source answers.
     */
    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout, EventFilter filter) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LogPosition checked = after; // the window was looked through up to here: look only at what came since
        lock.lock();
        try {
            for (LogWindow current = serving(); current != null; current = serving()) {
                if (after.compareTo(current.start()) < 0 || current.anyAfter(checked, filter)) {
                    return true;
                }
                checked = current.end().isAfter(checked) ? current.end() : checked;
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                moved.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        long left = deadline - System.nanoTime();
        return left > 0 && source.awaitEvents(after, Duration.ofNanos(left), filter);
    }

    /** Where the window stands; empty until a reader caught up and the tail started. */
    public Optional<Window> window() {
        lock.lock();
        try {
            return window == null ? Optional.empty() : Optional.of(window.status(well && !closed));
        } finally {
            lock.unlock();
        }
    }

    /** Stops the tail and waits for its thread; readers read the source from now on. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = tail;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The window when readers may be answered from it: started, well and not closed. */
    private @Nullable LogWindow serving() {
        return well && !closed ? window : null;
    }

    private void startAt(LogPosition start) {
        lock.lock();
        try {
            if (window == null && !closed) {
                window = new LogWindow(start, capacity);
                var reader = new LogTail(source, pageSize, pause, this::advanced, this::failing);
                tail = Thread.ofPlatform().name(LogTail.THREAD).daemon().start(() -> reader.follow(start));
            }
        } finally {
            lock.unlock();
        }
    }

    /** A page the tail read: the window moves on and the tail is well. */
    private void advanced(Page page) {
        lock.lock();
        try {
            Objects.requireNonNull(window).add(page);
            well = true;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The tail failed: readers go to the source until it reads again. */
    private void failing() {
        lock.lock();
        try {
            well = false;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

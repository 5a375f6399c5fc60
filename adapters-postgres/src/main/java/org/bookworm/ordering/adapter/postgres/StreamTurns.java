package org.bookworm.ordering.adapter.postgres;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bookworm.ordering.core.eventsourcing.StreamId;

/**
 * Turns on a contended stream, within this process (issue 14, ADR 0038). A writer refused with a conflict joins its
 * stream's line; while the line is not empty, an append to that stream waits until its writer is first in line (or
 * until the first one has let {@code hold} pass without appending). The first in line appends alone, so with the
 * events its conflict carried it wins; a refusal again (a writer in another process) keeps its place. Without turns,
 * the writer that just won appends again at once, while the losers first catch up: the same writer kept winning and
 * the losers' p99 was their string of defeats.
 *
 * <p>Writers are told apart by their thread, since an append and its retry run on the caller's thread. Turns decide
 * only who goes first: the stream's lock and the version check still decide every append.
 */
final class StreamTurns {
    private final long holdNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final Map<StreamId, Line> lines = new ConcurrentHashMap<>();

    private static final class Line {
        final ArrayDeque<Thread> waiting = new ArrayDeque<>();
        long firstSince;
    }

    StreamTurns(Duration hold) {
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a turn is held for a positive time, not " + hold);
        }
        this.holdNanos = hold.toNanos();
    }

    /** Waits, if the stream has a line, until the calling thread is first in it or the first one's hold ran out. */
    void await(StreamId stream) throws InterruptedException {
        if (lines.isEmpty()) {
            return; // no stream is contended: no lock taken
        }
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            while (true) {
                Line line = lines.get(stream);
                if (line == null || line.waiting.peekFirst() == me) {
                    return;
                }
                long left = line.firstSince + holdNanos - System.nanoTime();
                if (left <= 0) {
                    // The first one let its turn pass (it gave up, or decided not to append): the next one's turn.
                    line.waiting.pollFirst();
                    line.firstSince = System.nanoTime();
                    if (line.waiting.isEmpty()) {
                        lines.remove(stream);
                    }
                    moved.signalAll();
                    continue;
                }
                moved.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The calling thread was refused on the stream: it joins the line, or keeps its place in it. */
    void refused(StreamId stream) {
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            forgetAbandoned();
            Line line = lines.computeIfAbsent(stream, s -> new Line());
            if (line.waiting.isEmpty()) {
                line.firstSince = System.nanoTime();
            }
            if (!line.waiting.contains(me)) {
                line.waiting.addLast(me);
            } else if (line.waiting.peekFirst() == me) {
                line.firstSince = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the lines in which every writer has had its turn and none appended: their writers decided not to write
     * again (or their threads ended), and no other writer of the stream came to pop them.
     */
    private void forgetAbandoned() {
        long now = System.nanoTime();
        boolean dropped =
                lines.values().removeIf(line -> now - line.firstSince > holdNanos * (long) line.waiting.size());
        if (dropped) {
            moved.signalAll();
        }
    }

    /** How many streams have a line: for tests. */
    int contended() {
        return lines.size();
    }

    /** The calling thread's append to the stream is done (written, or refused otherwise): it leaves the line. */
    void done(StreamId stream) {
        if (lines.isEmpty()) {
            return;
        }
        Thread me = Thread.currentThread();
        lock.lock();
        try {
            Line line = lines.get(stream);
            if (line == null) {
                return;
            }
            boolean wasFirst = line.waiting.peekFirst() == me;
            if (line.waiting.remove(me)) {
                if (line.waiting.isEmpty()) {
                    lines.remove(stream);
                } else if (wasFirst) {
                    line.firstSince = System.nanoTime();
                }
                moved.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}

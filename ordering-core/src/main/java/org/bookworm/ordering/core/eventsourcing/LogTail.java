package org.bookworm.ordering.core.eventsourcing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The thread of a {@link TailedEventLog} that reads its source: page after page of every event after its own end,
 * waiting on the source when a page is not full, until interrupted. A failure is reported, logged (the first and then
 * every tenth) and tried again after {@code pause}, from where the last page it handed on ended, so what it hands on
 * never has a gap and never repeats.
 */
final class LogTail {
    /** The name of the tail's thread. */
    static final String THREAD = "ordering-log-tail";
    /** How long the tail waits on the source at most before it reads again (a wake-up the source lost). */
    static final Duration WAIT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(LogTail.class.getName());

    private final EventLog source;
    private final int pageSize;
    private final Duration pause;
    private final Consumer<EventLog.Page> read;
    private final Runnable failed;

    /** Hands each page it read to {@code read}, and says {@code failed} when the source failed. */
    LogTail(EventLog source, int pageSize, Duration pause, Consumer<EventLog.Page> read, Runnable failed) {
        this.source = source;
        this.pageSize = pageSize;
        this.pause = pause;
        this.read = read;
        this.failed = failed;
    }

    /** Reads after {@code from} until the thread is interrupted. */
    void follow(LogPosition from) {
        LogPosition at = from;
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                EventLog.Page page = source.read(at, pageSize, EventFilter.ALL);
                read.accept(page);
                // moved on before the wait: a wait that fails must not make the tail read (and hand on) this page again
                at = page.end();
                failures = 0;
                if (page.events().size() < pageSize) {
                    source.awaitEvents(at, WAIT);
                }
            } catch (InterruptedException stopped) {
                return;
            } catch (RuntimeException failure) {
                failures++;
                if (!pauseAfter(failure, failures)) {
                    return;
                }
            }
        }
    }

    /** Reports and logs the failure, then pauses; false when the tail was stopped during the pause. */
    private boolean pauseAfter(RuntimeException failure, int failures) {
        failed.run();
        if (failures == 1 || failures % 10 == 0) { // an outage of minutes must not flood the log
            LOG.log(Level.WARNING, "the log's tail failed " + failures + " times; trying again in " + pause, failure);
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException stopped) {
            return false;
        }
    }
}

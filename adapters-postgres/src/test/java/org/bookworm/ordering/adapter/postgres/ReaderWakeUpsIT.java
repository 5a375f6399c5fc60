package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * How readers are woken after appends (ADR 0054): those of the committing process in memory, those of other processes
 * by a NOTIFY that many commits close together share.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ReaderWakeUpsIT {
    private static final int APPENDS = 200;
    private static final int CALLERS = 16;

    private TestDatabase db;
    private PostgresAdapters pg;

    @BeforeEach
    void start() {
        db = TestDatabase.create();
        pg = PostgresAdapters.start(db.config());
    }

    @AfterEach
    void stop() {
        pg.close();
        db.close();
    }

    @Test
    void appends_committed_close_together_share_few_notifies() throws Exception {
        long before = pg.wakeUps().sent();
        var go = new CountDownLatch(1);
        long started = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            var done = new ArrayList<Future<?>>();
            for (int c = 0; c < CALLERS; c++) {
                done.add(callers.submit(() -> {
                    go.await();
                    for (int i = 0; i < APPENDS / CALLERS; i++) {
                        appendOne(pg);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }
        long appending = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Thread.sleep(ReaderWakeUps.WINDOW.toMillis() * 4 + 100); // the last window's NOTIFY is sent

        long sent = pg.wakeUps().sent() - before;
        System.out.printf(
                "ReaderWakeUpsIT: %d appends from %d callers in %d ms, %d NOTIFY statements%n",
                APPENDS, CALLERS, appending, sent);
        assertThat(sent)
                .as("NOTIFY statements for %d appends in %d ms: at most one per window", APPENDS, appending)
                .isBetween(1L, appending / ReaderWakeUps.WINDOW.toMillis() + 2)
                .isLessThan(APPENDS / 2);
    }

    @Test
    void a_reader_of_the_committing_process_is_woken_without_any_notify() throws Exception {
        EventLog log = pg.eventLog();
        LogPosition end = log.read(LogPosition.START, 1_000, EventFilter.ALL).end();
        pg.wakeUps().close(); // no NOTIFY is sent any more
        long sent = pg.wakeUps().sent();

        Duration took = timeToWake(log, end, () -> appendOne(pg));

        assertThat(pg.wakeUps().sent()).as("NOTIFY statements").isEqualTo(sent);
        assertThat(took).as("woken in memory, not at the end of its 10 s wait").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_reader_of_another_process_is_woken_by_the_notify_after_a_lone_append() throws Exception {
        try (PostgresAdapters other = PostgresAdapters.start(db.config())) {
            EventLog log = other.eventLog();
            awaitListening(other);
            timeToWake(log, log.read(LogPosition.START, 1_000, EventFilter.ALL).end(), () -> appendOne(pg)); // warm
            Thread.sleep(ReaderWakeUps.WINDOW.toMillis() * 4 + 100);
            var took = new ArrayList<Long>();
            for (int i = 0; i < 3; i++) {
                LogPosition end =
                        log.read(LogPosition.START, 1_000, EventFilter.ALL).end();
                long sent = pg.wakeUps().sent();

                took.add(timeToWake(log, end, () -> appendOne(pg)).toMillis());

                Thread.sleep(ReaderWakeUps.WINDOW.toMillis() * 4 + 100); // the window closed
                assertThat(pg.wakeUps().sent() - sent)
                        .as("NOTIFY statements for a lone append")
                        .isEqualTo(1);
            }
            System.out.printf("ReaderWakeUpsIT: a reader of another process woken after %s ms%n", took);
            assertThat(took)
                    .as("woken by the NOTIFY, well within the poll interval, not at the end of its 10 s wait")
                    .allMatch(ms -> ms < PostgresEventLog.POLL_MILLIS);
        }
    }

    /** How long a reader waiting up to 10 s after {@code end} takes to be woken by {@code append}. */
    private static Duration timeToWake(EventLog log, LogPosition end, Runnable append) throws Exception {
        var waiting = new CountDownLatch(1);
        var woken = new boolean[1];
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                waiting.countDown();
                woken[0] = log.awaitEvents(end, Duration.ofSeconds(10));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.await();
        Thread.sleep(300); // the reader asked the horizon and waits
        long started = System.nanoTime();
        append.run();
        waiter.join(Duration.ofSeconds(15));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(woken[0]).as("woken").isTrue();
        return took;
    }

    private static void appendOne(PostgresAdapters adapters) {
        OrderId order = new OrderId(UUID.randomUUID());
        adapters.eventStore().append(OrderService.stream(order), 0, Samples.newEvents(order, 1), null);
    }

    private static void awaitListening(PostgresAdapters adapters) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!adapters.notifications().listening() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(adapters.notifications().listening())
                .as("the LISTEN connection is up")
                .isTrue();
    }
}

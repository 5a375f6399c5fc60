package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an idle reader costs the server (ADR 0037). A subscription waiting for events used to ask for the horizon every
 * 250 ms although the LISTEN connection was up and would have told it: four statements a second per subscription, in
 * every process, for nothing. With LISTEN up it waits for the NOTIFY up to its whole wait, and an append still wakes it
 * at once.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class IdleReadersIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    private static Notifications notifications;
    private static StatementCounter statements;
    private static PostgresEventLog log;

    @BeforeAll
    static void start() {
        statements = new StatementCounter(pg.adapters().dataSource());
        notifications = new Notifications(pg.db().config());
        log = new PostgresEventLog(statements.dataSource(), pg.adapters().codec(), notifications);
    }

    @AfterAll
    static void stop() {
        if (notifications != null) { // not when the database could not start
            notifications.close();
        }
    }

    @Test
    void an_idle_reader_waiting_a_second_for_events_asks_the_server_at_most_twice() throws Exception {
        awaitListening();
        LogPosition end = log.read(LogPosition.START, 1_000, EventFilter.ALL).end();
        statements.take();

        boolean woken = log.awaitEvents(end, Duration.ofSeconds(1));

        assertThat(woken).as("nothing was appended").isFalse();
        assertThat(statements.take()).as("statements sent in one idle second").isLessThanOrEqualTo(2);
    }

    @Test
    void an_append_wakes_a_waiting_reader_long_before_its_wait_ends() throws Exception {
        awaitListening();
        LogPosition end = log.read(LogPosition.START, 1_000, EventFilter.ALL).end();
        var woken = new AtomicBoolean();
        long started = System.nanoTime();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                woken.set(log.awaitEvents(end, Duration.ofSeconds(30)));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(300);

        OrderId order = new OrderId(UUID.randomUUID());
        pg.adapters().eventStore().append(OrderService.stream(order), 0, Samples.newEvents(order, 1), null);
        waiter.join(Duration.ofSeconds(30));

        assertThat(woken).as("woken by the append").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("by its NOTIFY, not at the end of the 30 s wait")
                .isLessThan(Duration.ofSeconds(10));
    }

    private static void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!notifications.listening() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(notifications.listening()).as("the LISTEN connection is up").isTrue();
    }
}

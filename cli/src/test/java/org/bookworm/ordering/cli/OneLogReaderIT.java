package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.time.Duration;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.junit.jupiter.api.Test;

/** The stack of {@code ordering serve} reads the global log through one tail, started and stopped with it (ADR 0045). */
class OneLogReaderIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void the_subscriptions_of_a_stack_read_the_log_through_its_one_tail_which_stops_with_the_stack() throws Exception {
        try (var db = ScratchDatabase.create("ordering_tail")) {
            Thread tail;
            try (PostgresStack stack = new Wiring().postgres(db.url(), null, new LoggingMailer())) {
                stack.postgres().eventStore().append(orderStream(), 0, someEvents(2));
                RecordedEvent last = stack.postgres()
                        .eventLog()
                        .readAfter(LogPosition.START, 10)
                        .getLast();

                // the window may already be past it: the subscriptions' reactions append too, and the tail is woken
                // at once by this process's commits (ADR 0054)
                await(
                        "the subscriptions started the tail and it read the append",
                        () -> stack.log()
                                .window()
                                .map(window -> !last.position().isAfter(window.end()))
                                .orElse(false));
                tail = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().equals("ordering-log-tail") && thread.isAlive())
                        .findFirst()
                        .orElseThrow();
            }

            assertThat(tail.isAlive()).as("the tail stopped with the stack").isFalse();
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + PATIENCE).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}

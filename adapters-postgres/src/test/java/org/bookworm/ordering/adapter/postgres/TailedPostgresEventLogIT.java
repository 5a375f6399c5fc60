package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bookworm.ordering.core.contract.TailedEventLogContract;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.junit.jupiter.api.Test;

/** The tailed log over PostgreSQL's: the contract, and the xid8 rule kept through the tail (ADR 0045). */
class TailedPostgresEventLogIT extends TailedEventLogContract {
    private PostgresAdapters pg;

    @Override
    protected Fixture emptySource() {
        pg = ContractDatabase.empty();
        return new Fixture(pg.eventStore(), pg.eventLog());
    }

    @Test
    void an_event_whose_transaction_commits_late_holds_the_tail_and_its_readers_back_instead_of_being_skipped()
            throws Exception {
        LogPosition caughtUp = catchUp();
        StreamId slow = orderStream();
        StreamId fast = orderStream();
        List<NewEvent> slowEvents = someEvents(1);
        List<NewEvent> fastEvents;
        try (Connection c = ContractDatabase.connect()) {
            c.setAutoCommit(false);
            new AppendSql(pg.codec()).append(c, new AppendRequest(slow, 0, slowEvents, null));
            fastEvents = append(fast, 1);
            // the fast event committed with a larger position, but an older transaction is still open
            assertThat(tailed().awaitEvents(caughtUp, Duration.ofMillis(300)))
                    .as("nothing readable while the older transaction is open")
                    .isFalse();
            assertThat(tailed().readAfter(caughtUp, 100))
                    .extracting(event -> event.stream())
                    .as("neither event while the older transaction is open")
                    .doesNotContainAnyElementsOf(Set.of(slow, fast));
            c.commit();
        }

        List<RecordedEvent> read = readAll(caughtUp, 100, EventFilter.ALL, 2);

        assertThat(read)
                .extracting(RecordedEvent::eventId)
                .as("the late one first, then the other, each once")
                .containsExactly(
                        slowEvents.getFirst().eventId(), fastEvents.getFirst().eventId());
        await("the tail read both", () -> window().end().equals(read.getLast().position()));
        assertThat(tailed().readAfter(caughtUp, 100))
                .extracting(RecordedEvent::eventId)
                .as("from the window: the same two")
                .containsExactly(
                        slowEvents.getFirst().eventId(), fastEvents.getFirst().eventId());
    }
}

package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * How many statements a load sends (issue 13): a checkout folds four streams that have no events yet (its saga at
 * PlaceOrder, its order, its payment), and each such load asked for the stream's version a second time, although a
 * load from the start of a stream that finds nothing can only be at version 0.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventStoreLoadStatementsIT {
    private static TestDatabase db;
    private static PostgresAdapters pg;
    private static StatementCounter statements;
    private static PostgresEventStore store;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pg = PostgresAdapters.startWithoutGroupCommit(db.config());
        statements = new StatementCounter(pg.dataSource());
        store = new PostgresEventStore(statements.dataSource(), pg.codec(), 0);
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
            db.close();
        }
    }

    @Test
    void loading_a_stream_with_no_events_from_its_start_is_one_statement() {
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        statements.take();

        EventStream loaded = store.load(stream, 0, Long.MAX_VALUE);

        assertThat(loaded.version()).isZero();
        assertThat(loaded.events()).isEmpty();
        assertThat(statements.take()).as("statements sent").isEqualTo(1);
    }

    @Test
    void loading_past_the_end_of_a_stream_still_answers_its_version() {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId stream = OrderService.stream(order);
        store.append(stream, 0, Samples.newEvents(order, 2), null);

        assertThat(store.load(stream, 2, Long.MAX_VALUE).version()).isEqualTo(2);
        assertThat(store.load(stream, 5, Long.MAX_VALUE).version()).isEqualTo(2);
        assertThat(store.load(stream, 0, Long.MAX_VALUE).events()).hasSize(2);
        assertThat(store.load(OrderService.stream(new OrderId(UUID.randomUUID())), 3, Long.MAX_VALUE)
                        .version())
                .isZero();
    }
}

package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The live tail starts at {@link OursSubject#head()}. It ordered by {@code tx_id::text} (the output column hides the
 * xid8 one of the same name), so a log whose transaction ids crossed a power of ten (…9999, 10000…) answered a
 * position far back: the tail then read the whole log before the writer's first event and measured seconds of delay.
 * Needs the PostgreSQL of {@link Pg#adminUrl()}, as every workload does.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OursSubjectHeadTest {
    private static final String INSERT = "INSERT INTO eventstore.events (stream_type, stream_id, version, event_id,"
            + " type, schema_version, data, metadata, tx_id) VALUES ('order', gen_random_uuid(), 1, gen_random_uuid(),"
            + " 'OrderPlaced', 1, '{}', '{}', ?::text::xid8) RETURNING global_position";

    @Test
    void the_head_is_the_last_event_in_transaction_order_when_the_ids_cross_a_power_of_ten() throws Exception {
        try (var scratch = Pg.Scratch.create("bench_head");
                var subject = new OursSubject(scratch.url(), 2, true);
                var c = DriverManager.getConnection(scratch.url());
                var insert = c.prepareStatement(INSERT)) {
            // committed long ago as far as the horizon goes: both ids are below any running transaction's
            insert.setString(1, "9999");
            insert.executeQuery().close();
            insert.setString(1, "10000");
            long last;
            try (var rows = insert.executeQuery()) {
                rows.next();
                last = rows.getLong(1);
            }

            assertThat(subject.head()).isEqualTo(new LogPosition(10_000, last));
        }
    }
}

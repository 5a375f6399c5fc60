package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The log's hot queries must stay one step on the {@code events_feed} index in their generic plans (the ones prepared
 * statements end up with), however big the log: a whole-table scan there made every wake-up of a reader cost half a
 * second on a million events. Checked with PostgreSQL's own EXPLAIN on a log of 200,000 events.
 */
class LogQueryPlansIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            for (int tx = 0; tx < 20; tx++) {
                st.execute("INSERT INTO eventstore.events"
                        + " (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)"
                        + " SELECT 'order', gen_random_uuid(), 1, gen_random_uuid(), 'OrderPlaced', 1, '{}', '{}'"
                        + " FROM generate_series(1, 10000)");
            }
            st.execute("ANALYZE eventstore.events");
        }
    }

    @Test
    void theHorizonCheckIsOneIndexStep() throws SQLException {
        assertThat(genericPlan(Horizon.AFTER, "'100', 100"))
                .contains("Index Only Scan using events_feed")
                .doesNotContain("Seq Scan");
    }

    @Test
    void readingAPageIsAnIndexRangeScan() throws SQLException {
        assertThat(genericPlan(LogReads.READ_AFTER, "'100', 100, 500"))
                .contains("using events_feed")
                .doesNotContain("Seq Scan");
    }

    @Test
    void readingAFilteredPageIsAnIndexRangeScanAndItsEndOneBackwardStep() throws SQLException {
        String plan = genericPlan(LogReads.READ_FILTERED, "'100', 100, '{order}', '{OrderPlaced}', 500");
        assertThat(plan)
                .contains("Index Scan using events_feed")
                .contains("Scan Backward using events_feed")
                .doesNotContain("Seq Scan");
    }

    @Test
    void aRebuildsFullPageIsOneOrderedIndexRangeScanWithoutASort() throws SQLException {
        assertThat(genericPlan(LogReads.READ_FILTERED_PAGE_WITHOUT_METADATA, "'100', 100, '{order}', '{}', 10000"))
                .contains("Index Scan using events_feed")
                .doesNotContain("Sort")
                .doesNotContain("Materialize")
                .doesNotContain("Seq Scan");
        assertThat(genericPlan(LogReads.READ_FILTERED_WITHOUT_METADATA, "'100', 100, '{order}', '{}', 10000"))
                .contains("Index Scan using events_feed")
                .doesNotContain("Seq Scan");
    }

    /** EXPLAIN of the statement as a prepared statement's generic plan, with {@code ?} as parameters. */
    private static String genericPlan(String sql, String arguments) throws SQLException {
        var numbered = new StringBuilder();
        int parameter = 0;
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++parameter : String.valueOf(ch));
        }
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            st.execute("PREPARE probe AS " + numbered);
            var plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("EXPLAIN EXECUTE probe(" + arguments + ")")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}

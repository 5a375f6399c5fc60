package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The log's read horizon (RELIABILITY.md section 3): readers see the events of transactions below {@code horizon};
 * {@code heldBack} committed events at or above it wait until the oldest open writing transaction ends. That
 * transaction, when there is one, is the {@code holder}. Never a query's text: it may carry data.
 */
public record HorizonReport(
        long horizon, long heldBack, @Nullable Holder holder) {

    /** The oldest open transaction that wrote: its id, backend pid, program, when it began and its state. */
    public record Holder(
            long transaction,
            int pid,
            String application,
            Instant since,
            Duration age,
            @Nullable Instant queryStart,
            String state) {}

    public boolean holdsBack() {
        return heldBack > 0;
    }

    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::int8,"
            + " (SELECT count(*) FROM eventstore.events WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot()))";

    private static final String HOLDER = "SELECT backend_xid::text::int8, pid, coalesce(application_name, ''),"
            + " xact_start, extract(epoch FROM clock_timestamp() - xact_start), query_start, coalesce(state, '')"
            + " FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL"
            + " AND pid <> pg_backend_pid() ORDER BY age(backend_xid) DESC LIMIT 1";

    static HorizonReport read(DataSource dataSource) {
        return Jdbc.withConnection(dataSource, "read the horizon", c -> {
            var holder = holder(c);
            return Jdbc.query(c, HORIZON, ps -> {}, rs -> new HorizonReport(rs.getLong(1), rs.getLong(2), holder))
                    .get(0);
        });
    }

    /** The oldest open writing transaction on the server (none: nothing holds readers back). */
    static @Nullable Holder holder(Connection c) throws SQLException {
        Optional<Holder> oldest = Jdbc.query(
                        c,
                        HOLDER,
                        ps -> {},
                        rs -> new Holder(
                                rs.getLong(1),
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant(),
                                Duration.ofMillis((long) (rs.getDouble(5) * 1000)),
                                rs.getTimestamp(6) == null
                                        ? null
                                        : rs.getTimestamp(6).toInstant(),
                                rs.getString(7)))
                .stream()
                .findFirst();
        return oldest.orElse(null);
    }
}

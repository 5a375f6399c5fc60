package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/**
 * What waits, read from the tables for metrics (ADR 0033): the events each subscription has not read yet and the
 * e-mails not sent yet. Plain reads on their own connection, outside every request's path: a scrape calls it.
 */
final class Backlogs {
    /** Counting stops here: a backlog this long is an alert whatever its exact size, and the count stays cheap. */
    static final long CAP = 100_000;

    /**
     * The events after a checkpoint, counted up to a cap, and when the first of them was recorded: two steps on
     * {@code events_feed}. Read here rather than through the log, whose read-ahead pages belong to the subscriptions.
     */
    private static final String UNREAD = "SELECT (SELECT count(*) FROM (SELECT 1 FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?) LIMIT ?) unread),"
            + " (SELECT recorded_at FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " ORDER BY tx_id, global_position LIMIT 1)";

    private static final String PENDING_EMAILS =
            "SELECT count(*), min(created_at) FROM notification.email_outbox WHERE status = 'PENDING'";

    private Backlogs() {}

    /** One connection for the whole sample: each subscription's checkpoint and unread events, then the outbox. */
    static PostgresAdapters.Backlog read(DataSource dataSource, List<String> names) {
        return Jdbc.withConnection(dataSource, "read the backlogs", c -> {
            var unread = new LinkedHashMap<String, PostgresAdapters.Unread>();
            for (String name : names) {
                unread.put(name, unread(c, PostgresCheckpoints.load(c, name), CAP));
            }
            return Jdbc.query(c, PENDING_EMAILS, ps -> {}, rs -> {
                        long pending = rs.getLong(1);
                        long oldest = rs.getLong(2);
                        Optional<Instant> since = rs.wasNull() ? Optional.empty() : Optional.of(Nanos.instant(oldest));
                        return new PostgresAdapters.Backlog(Map.copyOf(unread), pending, since);
                    })
                    .get(0);
        });
    }

    /**
     * The events after {@code after}, counted up to {@code cap}, and when the first of them was recorded: what a
     * subscription at that checkpoint has still to look at (the metrics' lag, and the admin tool's, uncapped).
     */
    static PostgresAdapters.Unread unread(Connection c, LogPosition after, long cap) throws SQLException {
        return Jdbc.query(
                        c,
                        UNREAD,
                        ps -> {
                            ps.setString(1, Long.toString(after.transaction()));
                            ps.setLong(2, after.position());
                            ps.setLong(3, cap);
                            ps.setString(4, Long.toString(after.transaction()));
                            ps.setLong(5, after.position());
                        },
                        rs -> {
                            long events = rs.getLong(1);
                            var first = rs.getObject(2, OffsetDateTime.class);
                            return new PostgresAdapters.Unread(
                                    events, Optional.ofNullable(first).map(OffsetDateTime::toInstant));
                        })
                .get(0);
    }
}

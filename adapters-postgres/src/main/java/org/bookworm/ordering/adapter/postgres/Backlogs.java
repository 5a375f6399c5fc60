package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What waits, read from the tables for metrics (ADR 0033): the events each subscription has not read yet and the
 * e-mails not sent yet. Plain reads on their own connection, outside every request's path: a scrape calls it.
 */
final class Backlogs {
    /** Counting stops here: a backlog this long is an alert whatever its exact size, and the count stays cheap. */
    static final long CAP = 100_000;

    /**
     * The events after a checkpoint, counted up to {@link #CAP}, and when the first of them was recorded: two steps on
     * {@code events_feed}. Read here rather than through the log, whose read-ahead pages belong to the subscriptions.
     */
    private static final String UNREAD = "SELECT (SELECT count(*) FROM (SELECT 1 FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?) LIMIT " + CAP + ") unread),"
            + " (SELECT recorded_at FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " ORDER BY tx_id, global_position LIMIT 1)";

    private static final String PENDING_EMAILS =
            "SELECT count(*), min(created_at) FROM notification.email_outbox WHERE status = 'PENDING'";

    private Backlogs() {}

    static PostgresAdapters.Backlog read(DataSource dataSource, PostgresCheckpoints checkpoints, List<String> names) {
        var unread = new LinkedHashMap<String, PostgresAdapters.Unread>();
        for (String name : names) {
            unread.put(name, unread(dataSource, checkpoints, name));
        }
        return Jdbc.withConnection(
                dataSource,
                "read the outbox backlog",
                c -> Jdbc.query(c, PENDING_EMAILS, ps -> {}, rs -> {
                            long pending = rs.getLong(1);
                            long oldest = rs.getLong(2);
                            Optional<Instant> since =
                                    rs.wasNull() ? Optional.empty() : Optional.of(Nanos.instant(oldest));
                            return new PostgresAdapters.Backlog(Map.copyOf(unread), pending, since);
                        })
                        .get(0));
    }

    private static PostgresAdapters.Unread unread(DataSource dataSource, PostgresCheckpoints checkpoints, String name) {
        var position = checkpoints.load(name);
        return Jdbc.withConnection(
                dataSource,
                "count the unread events",
                c -> Jdbc.query(
                                c,
                                UNREAD,
                                ps -> {
                                    for (int at : new int[] {1, 3}) {
                                        ps.setString(at, Long.toString(position.transaction()));
                                        ps.setLong(at + 1, position.position());
                                    }
                                },
                                rs -> {
                                    long events = rs.getLong(1);
                                    var first = rs.getObject(2, java.time.OffsetDateTime.class);
                                    return new PostgresAdapters.Unread(
                                            events,
                                            Optional.ofNullable(first).map(java.time.OffsetDateTime::toInstant));
                                })
                        .get(0));
    }
}

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

    private static final String UNREAD = "SELECT (SELECT count(*) FROM (SELECT 1 FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?) LIMIT " + CAP + ") unread)";

    private static final String PENDING_EMAILS =
            "SELECT count(*), min(created_at) FROM notification.email_outbox WHERE status = 'PENDING'";

    private Backlogs() {}

    static PostgresAdapters.Backlog read(DataSource dataSource, PostgresCheckpoints checkpoints, List<String> names) {
        var unread = new LinkedHashMap<String, Long>();
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

    private static long unread(DataSource dataSource, PostgresCheckpoints checkpoints, String name) {
        var position = checkpoints.load(name);
        return Jdbc.withConnection(
                dataSource,
                "count the unread events",
                c -> Jdbc.query(
                                c,
                                UNREAD,
                                ps -> {
                                    ps.setString(1, Long.toString(position.transaction()));
                                    ps.setLong(2, position.position());
                                },
                                rs -> rs.getLong(1))
                        .get(0));
    }
}

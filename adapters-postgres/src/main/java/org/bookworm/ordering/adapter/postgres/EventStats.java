package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What the log holds: events and stored bytes (data and metadata as PostgreSQL keeps them) by stream type and event
 * type, the first and last position and time, and how many events were appended in the last minute and hour.
 */
public record EventStats(
        List<TypeCount> types,
        long events,
        long bytes,
        @Nullable Long firstPosition,
        @Nullable Long lastPosition,
        @Nullable Instant firstAt,
        @Nullable Instant lastAt,
        long lastMinute,
        long lastHour) {

    public EventStats {
        types = List.copyOf(types);
    }

    /** Events of one event type in one stream type. */
    public record TypeCount(String streamType, String type, long events, long bytes) {}

    private static final String BY_TYPE = "SELECT stream_type, type, count(*),"
            + " coalesce(sum(pg_column_size(data) + pg_column_size(metadata)), 0)::int8"
            + " FROM eventstore.events GROUP BY stream_type, type ORDER BY stream_type, type";
    private static final String SPAN = "SELECT min(global_position), max(global_position), min(recorded_at),"
            + " max(recorded_at), count(*) FILTER (WHERE recorded_at > now() - interval '1 minute'),"
            + " count(*) FILTER (WHERE recorded_at > now() - interval '1 hour') FROM eventstore.events";

    /** One consistent snapshot of the whole log (a full scan: an operator's question, not a request's). */
    static EventStats read(DataSource dataSource) {
        return Jdbc.inTransaction(dataSource, "count the log's events", c -> {
            Admin.readOnlySnapshot(c);
            var types = Jdbc.query(
                    c,
                    BY_TYPE,
                    ps -> {},
                    rs -> new TypeCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            return span(c, types);
        });
    }

    private static EventStats span(Connection c, List<TypeCount> types) throws SQLException {
        return Jdbc.query(
                        c,
                        SPAN,
                        ps -> {},
                        rs -> new EventStats(
                                types,
                                types.stream().mapToLong(TypeCount::events).sum(),
                                types.stream().mapToLong(TypeCount::bytes).sum(),
                                rs.getObject(1, Long.class),
                                rs.getObject(2, Long.class),
                                instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4)),
                                rs.getLong(5),
                                rs.getLong(6)))
                .get(0);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

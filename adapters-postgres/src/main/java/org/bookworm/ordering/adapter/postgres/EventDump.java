package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The log as JSON Lines, one object per event in log order, built by PostgreSQL and read through a server-side cursor
 * ({@link #FETCH} rows at a time), so memory stays the same on ten events or ten million. One snapshot: events that
 * commit during the dump are not in it. Payment tokens are redacted ({@link Redaction}).
 */
final class EventDump {
    static final int FETCH = 1_000;

    private static final String LINE = "SELECT json_build_object('position', global_position, 'transaction',"
            + " tx_id::text::int8, 'stream', stream_type || '-' || stream_id, 'version', version, 'eventId', event_id,"
            + " 'type', type, 'schemaVersion', schema_version, 'recordedAt', recorded_at, 'data', "
            + Redaction.sql("data") + ", 'metadata', metadata)::text FROM eventstore.events WHERE true";

    private EventDump() {}

    /** Hands every selected event's line to {@code lines}; returns how many there were. */
    static long dump(DataSource dataSource, DumpSelection filter, Consumer<String> lines) {
        return Jdbc.inTransaction(dataSource, "dump the log", c -> {
            Admin.readOnlySnapshot(c);
            if (filter.since() instanceof DumpSelection.Bound.Position start) {
                long last = LogPositions.last(c);
                if (start.position() > last) {
                    throw new IllegalArgumentException(LogPositions.pastTheEnd(start.position(), last));
                }
            }
            streaming(c, filter);
            var params = new ArrayList<Object>();
            String sql = LINE + where(c, filter, params) + " ORDER BY tx_id, global_position";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                return stream(ps, lines);
            }
        });
    }

    /**
     * A dump streams: no idle timeout while the reader of stdout takes its time, and, over the whole log,
     * the log-order index instead of a sort (a sort of ten million rows would come back only when it is done, and hold
     * them all on the server meanwhile). One stream's events are few: there the planner's sort stays.
     */
    private static void streaming(Connection c, DumpSelection filter) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("SET LOCAL TimeZone = 'UTC'");
            st.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
            if (filter.streamId() == null) {
                st.execute("SET LOCAL enable_sort = off");
            }
        }
    }

    private static long stream(PreparedStatement ps, Consumer<String> lines) throws SQLException {
        long count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.accept(rs.getString(1));
                count++;
            }
        }
        return count;
    }

    /** The filter as conditions whose values go to {@code params}, in order: nothing from input is spliced. */
    private static String where(Connection c, DumpSelection filter, List<Object> params) throws SQLException {
        var sql = new StringBuilder();
        if (filter.streamType() != null) {
            sql.append(" AND stream_type = ?");
            params.add(filter.streamType());
        }
        if (filter.streamId() != null) {
            sql.append(" AND stream_id = ?");
            params.add(filter.streamId());
        }
        if (!filter.types().isEmpty()) {
            sql.append(" AND type = ANY (?)");
            params.add(c.createArrayOf("text", filter.types().toArray()));
        }
        switch (filter.since()) {
            case DumpSelection.Bound.Position p ->
                sql.append(" AND global_position > ?").append(add(params, p.position()));
            case DumpSelection.Bound.At at ->
                sql.append(" AND recorded_at >= ?").append(add(params, Timestamp.from(at.at())));
            case null -> {}
        }
        switch (filter.until()) {
            case DumpSelection.Bound.Position p ->
                sql.append(" AND global_position <= ?").append(add(params, p.position()));
            case DumpSelection.Bound.At at ->
                sql.append(" AND recorded_at < ?").append(add(params, Timestamp.from(at.at())));
            case null -> {}
        }
        return sql.toString();
    }

    private static String add(List<Object> params, Object value) {
        params.add(value);
        return "";
    }
}

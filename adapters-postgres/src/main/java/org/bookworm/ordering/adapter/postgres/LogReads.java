package org.bookworm.ordering.adapter.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.adapter.postgres.EventRows.StoredRow;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * One read of a page of the global log with the xid8 rule (RELIABILITY.md section 3), unfiltered or filtered in SQL.
 *
 * <p>A filtered page also says how far it looked: when it is not full, every matching event below the horizon was
 * returned, so the reader may move on to the last event of the whole log below that same horizon (found in the same
 * statement, so with the same horizon). Every transaction below the horizon has ended: no event can appear there
 * later, and whatever becomes readable afterwards sorts after it. The reader's checkpoint thus passes over the events
 * it does not handle without waiting for them again, and never over one it has not looked at.
 */
final class LogReads {
    /** Every event after a position below the horizon, in log order. */
    static final String READ_AFTER = readAfter(EventRows.COLUMNS);

    /** The rows a filter matches: its whole stream types, or its event types in any stream. */
    static final String MATCHES = " (stream_type = ANY(?::text[]) OR type = ANY(?::text[]))";

    /**
     * The matching events after a position below the horizon, in log order, each row also carrying the last event of
     * the log below that horizon (a one-step backward scan of {@code events_feed}); with no matching event, one row
     * of nulls carries it. The horizon is taken once, so both parts see the same one.
     */
    static final String READ_FILTERED = readFiltered(EventRows.COLUMNS);

    /** The two reads as a rebuild makes them: {@link EventRows#COLUMNS_WITHOUT_METADATA} ({@link RebuildLog}). */
    static final String READ_AFTER_WITHOUT_METADATA = readAfter(EventRows.COLUMNS_WITHOUT_METADATA);

    static final String READ_FILTERED_WITHOUT_METADATA = readFiltered(EventRows.COLUMNS_WITHOUT_METADATA);

    /**
     * A rebuild's filtered page as one ordered index range scan: no materialized page and no sort after it. {@link
     * #READ_FILTERED} materializes the page's whole rows and sorts them again after its joins; with a rebuild's pages
     * of 10,000 events both spill to disk at the default {@code work_mem} (about 200 ms a page on 200,000 events,
     * against 16 to 19 ms for this one: docs/benchmarks.md). It does not say where the log ends below its horizon, so
     * it serves full pages only: {@link #readForRebuild} reads a page that is not full again with {@link
     * #READ_FILTERED_WITHOUT_METADATA}.
     */
    static final String READ_FILTERED_PAGE_WITHOUT_METADATA = "SELECT " + EventRows.COLUMNS_WITHOUT_METADATA
            + " FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) AND" + MATCHES
            + " ORDER BY tx_id, global_position LIMIT ?";

    private static String readAfter(String columns) {
        return "SELECT " + columns + " FROM eventstore.events"
                + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
                + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                + " ORDER BY tx_id, global_position LIMIT ?";
    }

    private static String readFiltered(String columns) {
        return "WITH horizon AS MATERIALIZED ("
                + "SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),"
                + " page AS MATERIALIZED (SELECT * FROM eventstore.events"
                + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
                + " AND tx_id < (SELECT xmin FROM horizon)"
                + " AND" + MATCHES
                + " ORDER BY tx_id, global_position LIMIT ?),"
                + " last AS (SELECT tx_id::text::int8 AS end_tx, global_position AS end_position"
                + " FROM eventstore.events"
                + " WHERE tx_id < (SELECT xmin FROM horizon) ORDER BY tx_id DESC, global_position DESC LIMIT 1)"
                + " SELECT " + columns + ", last.end_tx, last.end_position"
                + " FROM (SELECT 1) AS one LEFT JOIN last ON true LEFT JOIN page ON true"
                + " ORDER BY page.tx_id, page.global_position";
    }

    private static final int END_TX = EventRows.COLUMN_COUNT + 1;
    private static final int END_POSITION = EventRows.COLUMN_COUNT + 2;

    /** Rows as received, and the position they were looked for up to (see {@link #READ_FILTERED}). */
    record StoredPage(List<StoredRow> rows, LogPosition end) {
        static StoredPage of(List<StoredRow> rows, LogPosition after) {
            return new StoredPage(
                    rows, rows.isEmpty() ? after : rows.get(rows.size() - 1).position());
        }

        /** The first {@code limit} rows, ending at the last of them when some are cut. */
        StoredPage first(int limit) {
            return rows.size() <= limit ? this : StoredPage.of(rows.subList(0, limit), end);
        }
    }

    private LogReads() {}

    static StoredPage read(Connection c, LogPosition after, int limit, EventFilter filter) throws SQLException {
        return filter.isAll()
                ? readAll(c, after, limit, READ_AFTER)
                : readFiltered(c, after, limit, filter, READ_FILTERED);
    }

    /**
     * A page as a rebuild reads it, without metadata: a full filtered page by {@link
     * #READ_FILTERED_PAGE_WITHOUT_METADATA}, one that is not full again as the live log reads it (the last pages).
     */
    static StoredPage readForRebuild(Connection c, LogPosition after, int limit, EventFilter filter)
            throws SQLException {
        if (filter.isAll()) {
            return readAll(c, after, limit, READ_AFTER_WITHOUT_METADATA);
        }
        List<StoredRow> rows = rows(c, READ_FILTERED_PAGE_WITHOUT_METADATA, after, limit, filter);
        if (rows.size() == limit) {
            return StoredPage.of(rows, after); // full: its end is its last event
        }
        return readFiltered(c, after, limit, filter, READ_FILTERED_WITHOUT_METADATA);
    }

    private static StoredPage readAll(Connection c, LogPosition after, int limit, String sql) throws SQLException {
        return StoredPage.of(rows(c, sql, after, limit, null), after);
    }

    /**
     * The rows of a plain page query ({@link #READ_AFTER} and the rebuild's reads): the position to read after, the
     * filter's two arrays when there is a filter, then the limit.
     */
    private static List<StoredRow> rows(
            Connection c, String sql, LogPosition after, int limit, @Nullable EventFilter filter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            int next = 3;
            if (filter != null) {
                bindFilter(c, ps, next, filter);
                next += 2;
            }
            ps.setInt(next, limit);
            var rows = new ArrayList<StoredRow>(Math.min(limit, 1_000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(EventRows.stored(rs));
                }
            }
            return rows;
        }
    }

    private static StoredPage readFiltered(Connection c, LogPosition after, int limit, EventFilter filter, String sql)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            bindFilter(c, ps, 3, filter);
            ps.setInt(5, limit);
            var rows = new ArrayList<StoredRow>(Math.min(limit, 1_000));
            LogPosition lastBelowHorizon = after;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long endTx = rs.getLong(END_TX);
                    if (!rs.wasNull()) {
                        lastBelowHorizon = new LogPosition(endTx, rs.getLong(END_POSITION));
                    }
                    rs.getLong(1);
                    if (!rs.wasNull()) {
                        rows.add(EventRows.stored(rs));
                    }
                }
            }
            if (rows.size() == limit) {
                return StoredPage.of(rows, after); // full: what lies past its last event was not looked at
            }
            LogPosition end = lastBelowHorizon.isAfter(after) ? lastBelowHorizon : after;
            return new StoredPage(rows, end);
        }
    }

    /** Binds {@link #MATCHES}'s two arrays of {@code filter} from parameter {@code first} on. */
    static void bindFilter(Connection c, PreparedStatement ps, int first, EventFilter filter) throws SQLException {
        ps.setArray(
                first,
                texts(c, filter.streamTypes().stream().map(StreamType::prefix).toList()));
        ps.setArray(first + 1, texts(c, List.copyOf(filter.eventTypes())));
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}

package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Order read models: the detail as JSON, plus the columns the list filters on and pages by. Pages use the core's
 * cursor: newest first by (placed time, order id) descending, where uuid order is PostgreSQL's byte order, the order
 * {@code Ids.compare} gives. Placed time is kept in epoch nanoseconds so a page token loses no precision. Inside a
 * projection's batch ({@link ViewBatch}) find and save work on the batch's staged views, read and written once.
 */
final class PostgresOrderViews implements OrderViews, StagedViews.Table<OrderId, OrderView> {
    /** The start of PostgreSQL's binary COPY format: the signature, then the flags and extension lengths. */
    private static final byte[] BINARY_COPY_SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    /** Bytes sent to the server at a time while copying views in. */
    private static final int COPY_BUFFER = 256 * 1024;

    /** The upsert's rows: the views' columns as arrays ({@link #saveAll}). */
    private static final String ROWS_OF_ARRAYS = " SELECT o, b, s, p, v, d, j::json FROM unnest(?::uuid[], ?::uuid[],"
            + " ?::text[], ?::int8[], ?::int8[], ?::bool[], ?::text[]) AS rows (o, b, s, p, v, d, j)";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ViewTable table;

    PostgresOrderViews(DataSource dataSource, ObjectMapper json, ViewTable table) {
        this.dataSource = dataSource;
        this.json = json;
        this.table = table;
    }

    @Override
    public Optional<OrderView> find(OrderId id) {
        var staged = ViewBatch.staged(dataSource, table, this);
        return staged != null
                ? staged.find(id)
                : Jdbc.withConnection(
                        dataSource,
                        "find order view",
                        c -> Optional.ofNullable(findAll(c, List.of(id)).get(id)));
    }

    /**
     * Only a rebuild's shadow ({@link #insertsAbsent}) skips the views of the orders whose streams begin in the batch:
     * the rebuild alone writes it, from the start of the log, and commits each batch's views with its checkpoint, so
     * no view of a stream can be in it before the batch that holds the stream's first event. A live table may hold one
     * (a subscription reset to an earlier position replays streams whose views are stored) and reads them all.
     */
    @Override
    public void prefetch(Collection<OrderId> ids, Set<OrderId> begun) {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.prefetch(ids, begun);
        }
    }

    @Override
    public Page<OrderSummary> list(OrderQuery query) {
        var sql = new StringBuilder("SELECT view::text FROM " + table.qualifiedName() + " WHERE NOT deleted");
        var params = new ArrayList<Object>();
        if (query.buyer() != null) {
            sql.append(" AND buyer_id = ?");
            params.add(query.buyer().value());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            params.add(query.status().name());
        }
        query.cursor().ifPresent(cursor -> {
            sql.append(" AND (placed_at, order_id) < (?, ?)");
            params.add(Nanos.of(cursor.placedAt()));
            params.add(cursor.id().value());
        });
        sql.append(" ORDER BY placed_at DESC, order_id DESC LIMIT ?");
        int size = query.page().size();
        params.add(size + 1);
        List<OrderSummary> rows = Jdbc.withConnection(
                dataSource,
                "list orders",
                c -> Jdbc.query(
                        c,
                        sql.toString(),
                        ps -> {
                            for (int i = 0; i < params.size(); i++) {
                                ps.setObject(i + 1, params.get(i));
                            }
                        },
                        rs -> read(rs.getString(1)).summary()));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<OrderSummary> page = rows.subList(0, size);
        return new Page<>(page, query.tokenAfter(page.get(size - 1)));
    }

    @Override
    public void save(OrderView view) {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.save(view);
            return;
        }
        Jdbc.withConnection(dataSource, "save order view", c -> {
            saveAll(c, List.of(view)); // unless the stored one is as new or newer: a redelivery never rolls back
            return null;
        });
    }

    /** The stored views of {@code ids} in one query (absent ones are not in the map). */
    @Override
    public Map<OrderId, OrderView> findAll(Connection c, Collection<OrderId> ids) throws SQLException {
        var found = new HashMap<OrderId, OrderView>();
        Object[] uuids = ids.stream().map(OrderId::value).toArray();
        for (OrderView view : Jdbc.query(
                c,
                "SELECT view::text FROM " + table.qualifiedName() + " WHERE order_id = ANY (?)",
                ps -> ps.setArray(1, c.createArrayOf("uuid", uuids)),
                rs -> read(rs.getString(1)))) {
            found.put(view.id(), view);
        }
        return found;
    }

    /**
     * Stores each view unless the stored one is as new or newer (a redelivery never rolls a view back), in one
     * statement: the columns go as seven arrays and {@code unnest} turns them into rows, so the server plans and runs
     * one insert for the batch instead of one per view. The views must have distinct ids (one statement cannot update
     * a row twice).
     */
    @Override
    public void saveAll(Connection c, Collection<OrderView> views) throws SQLException {
        int n = views.size();
        var ids = new Object[n];
        var buyers = new Object[n];
        var statuses = new String[n];
        var placedAt = new Long[n];
        var versions = new Long[n];
        var deleted = new Boolean[n];
        var details = new String[n];
        int i = 0;
        for (OrderView view : views) {
            ids[i] = view.id().value();
            buyers[i] = view.buyer().value();
            statuses[i] = view.status().name();
            placedAt[i] = Nanos.of(view.placedAt());
            versions[i] = view.version();
            deleted[i] = view.deleted();
            details[i] = write(view);
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(upsert())) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("uuid", buyers));
            ps.setArray(3, c.createArrayOf("text", statuses));
            ps.setArray(4, c.createArrayOf("int8", placedAt));
            ps.setArray(5, c.createArrayOf("int8", versions));
            ps.setArray(6, c.createArrayOf("bool", deleted));
            ps.setArray(7, c.createArrayOf("text", details));
            ps.executeUpdate();
        }
    }

    /** A rebuild's shadow, which only the rebuild writes (under its lock), takes new views by {@link #insertAll}. */
    @Override
    public boolean insertsAbsent() {
        return table.isShadow();
    }

    /**
     * Views this transaction read as absent, into a rebuild's shadow ({@link #insertsAbsent}): one binary {@code COPY}
     * of new rows, with no array to parse, no conflict to check for and no JSON text to escape; a row that is there
     * after all fails the batch on the primary key, never overwritten.
     */
    @Override
    public void insertAll(Connection c, Collection<OrderView> views) throws SQLException {
        var copy = new PGCopyOutputStream(
                c.unwrap(PGConnection.class),
                "COPY " + table.qualifiedName()
                        + " (order_id, buyer_id, status, placed_at, version, deleted, view) FROM STDIN (FORMAT binary)",
                COPY_BUFFER);
        try {
            var out = new DataOutputStream(copy);
            out.write(BINARY_COPY_SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // no header extension
            for (OrderView view : views) {
                out.writeShort(7);
                uuid(out, view.id().value());
                uuid(out, view.buyer().value());
                byte[] status = view.status().name().getBytes(StandardCharsets.UTF_8);
                out.writeInt(status.length);
                out.write(status);
                out.writeInt(8);
                out.writeLong(Nanos.of(view.placedAt()));
                out.writeInt(8);
                out.writeLong(view.version());
                out.writeInt(1);
                out.writeBoolean(view.deleted());
                // the upsert's text, so both paths store the same: Jackson's byte writer would escape surrogate pairs
                // that its text writer keeps (json keeps the text as written, V20)
                byte[] detail = write(view).getBytes(StandardCharsets.UTF_8);
                out.writeInt(detail.length); // json's binary form is its text
                out.write(detail);
            }
            out.writeShort(-1); // the end of the rows
            out.flush();
            copy.endCopy();
        } catch (IOException failed) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            if (failed.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw new SQLException("cannot copy order views into " + table.qualifiedName(), failed);
        } catch (SQLException | RuntimeException failed) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw failed;
        }
    }

    private static void uuid(DataOutputStream out, UUID id) throws IOException {
        out.writeInt(16);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    private String upsert() {
        return "INSERT INTO " + table.qualifiedName()
                + " (order_id, buyer_id, status, placed_at, version, deleted, view)" + ROWS_OF_ARRAYS
                + " ON CONFLICT (order_id) DO UPDATE SET"
                + " buyer_id = EXCLUDED.buyer_id, status = EXCLUDED.status, placed_at = EXCLUDED.placed_at,"
                + " version = EXCLUDED.version, deleted = EXCLUDED.deleted, view = EXCLUDED.view"
                + " WHERE " + table.simpleName() + ".version < EXCLUDED.version";
    }

    @Override
    public OrderId id(OrderView view) {
        return view.id();
    }

    @Override
    public long version(OrderView view) {
        return view.version();
    }

    @Override
    public void clear() {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.cleared();
        }
        Jdbc.withConnection(
                dataSource, "clear order views", c -> Jdbc.update(c, "DELETE FROM " + table.qualifiedName(), ps -> {}));
    }

    private OrderView read(String text) {
        try {
            return json.readValue(text, OrderView.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored order view cannot be read", unreadable);
        }
    }

    private String write(OrderView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write an order view", impossible);
        }
    }
}

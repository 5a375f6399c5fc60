package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.jspecify.annotations.Nullable;

/**
 * Buyer read models, listed by id in PostgreSQL's uuid order; the page token is the last id of the previous page.
 * Inside a projection's batch ({@link ViewBatch}) find and save work on the batch's staged views, read and written
 * once.
 */
final class PostgresBuyerViews implements BuyerViews, StagedViews.Table<BuyerId, BuyerView> {
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ViewTable table;

    PostgresBuyerViews(DataSource dataSource, ObjectMapper json, ViewTable table) {
        this.dataSource = dataSource;
        this.json = json;
        this.table = table;
    }

    @Override
    public Optional<BuyerView> find(BuyerId id) {
        var staged = ViewBatch.staged(dataSource, table, this);
        return staged != null
                ? staged.find(id)
                : Jdbc.withConnection(
                        dataSource,
                        "find buyer view",
                        c -> Optional.ofNullable(findAll(c, List.of(id)).get(id)));
    }

    @Override
    public void prefetch(Collection<BuyerId> ids) {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.prefetch(ids);
        }
    }

    /** The stored views of {@code ids} in one query (absent ones are not in the map). */
    @Override
    public Map<BuyerId, BuyerView> findAll(Connection c, Collection<BuyerId> ids) throws SQLException {
        var found = new HashMap<BuyerId, BuyerView>();
        Object[] uuids = ids.stream().map(BuyerId::value).toArray();
        for (BuyerView view : Jdbc.query(
                c,
                "SELECT view::text FROM " + table.qualifiedName() + " WHERE buyer_id = ANY (?)",
                ps -> ps.setArray(1, c.createArrayOf("uuid", uuids)),
                rs -> read(rs.getString(1)))) {
            found.put(view.id(), view);
        }
        return found;
    }

    @Override
    public Page<BuyerView> list(PageRequest page) {
        @Nullable UUID after = page.token() == null ? null : Ids.parse(page.token(), "page token");
        String sql = "SELECT view::text FROM " + table.qualifiedName() + " WHERE NOT deleted"
                + (after == null ? "" : " AND buyer_id > ?") + " ORDER BY buyer_id LIMIT ?";
        List<BuyerView> rows = Jdbc.withConnection(
                dataSource,
                "list buyers",
                c -> Jdbc.query(
                        c,
                        sql,
                        ps -> {
                            int i = 1;
                            if (after != null) {
                                ps.setObject(i++, after);
                            }
                            ps.setInt(i, page.size() + 1);
                        },
                        rs -> read(rs.getString(1))));
        if (rows.size() <= page.size()) {
            return new Page<>(rows, null);
        }
        List<BuyerView> items = rows.subList(0, page.size());
        return new Page<>(items, items.get(items.size() - 1).id().toString());
    }

    @Override
    public void save(BuyerView view) {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.save(view);
            return;
        }
        Jdbc.withConnection(dataSource, "save buyer view", c -> {
            saveAll(c, List.of(view));
            return null;
        });
    }

    /**
     * Stores each view unless the stored one is as new or newer, in one statement: the columns go as arrays and
     * {@code unnest} turns them into rows. The views must have distinct ids (one statement cannot update a row twice).
     */
    @Override
    public void saveAll(Connection c, Collection<BuyerView> views) throws SQLException {
        int n = views.size();
        var ids = new Object[n];
        var versions = new Long[n];
        var deleted = new Boolean[n];
        var texts = new String[n];
        int i = 0;
        for (BuyerView view : views) {
            ids[i] = view.id().value();
            versions[i] = view.version();
            deleted[i] = view.deleted();
            texts[i] = write(view);
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.qualifiedName()
                + " (buyer_id, version, deleted, view) SELECT b, v, d, j::json"
                + " FROM unnest(?::uuid[], ?::int8[], ?::bool[], ?::text[]) AS rows (b, v, d, j)"
                + " ON CONFLICT (buyer_id) DO UPDATE SET version = EXCLUDED.version,"
                + " deleted = EXCLUDED.deleted, view = EXCLUDED.view WHERE " + table.simpleName()
                + ".version < EXCLUDED.version")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("int8", versions));
            ps.setArray(3, c.createArrayOf("bool", deleted));
            ps.setArray(4, c.createArrayOf("text", texts));
            ps.executeUpdate();
        }
    }

    @Override
    public BuyerId id(BuyerView view) {
        return view.id();
    }

    @Override
    public long version(BuyerView view) {
        return view.version();
    }

    @Override
    public void clear() {
        var staged = ViewBatch.staged(dataSource, table, this);
        if (staged != null) {
            staged.cleared();
        }
        Jdbc.withConnection(
                dataSource, "clear buyer views", c -> Jdbc.update(c, "DELETE FROM " + table.qualifiedName(), ps -> {}));
    }

    private String write(BuyerView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write a buyer view", impossible);
        }
    }

    private BuyerView read(String text) {
        try {
            return json.readValue(text, BuyerView.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored buyer view cannot be read", unreadable);
        }
    }
}

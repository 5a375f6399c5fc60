package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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

/** Buyer read models, listed by id in PostgreSQL's uuid order; the page token is the last id of the previous page. */
final class PostgresBuyerViews implements BuyerViews {
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
        return Jdbc.withConnection(dataSource, "find buyer view", c -> find(c, id));
    }

    Optional<BuyerView> find(Connection c, BuyerId id) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT view::text FROM " + table.qualifiedName() + " WHERE buyer_id = ?",
                        ps -> ps.setObject(1, id.value()),
                        rs -> read(rs.getString(1)))
                .stream()
                .findFirst();
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
        Jdbc.withConnection(dataSource, "save buyer view", c -> {
            save(c, view);
            return null;
        });
    }

    void save(Connection c, BuyerView view) throws SQLException {
        String text;
        try {
            text = json.writeValueAsString(view);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write a buyer view", impossible);
        }
        Jdbc.update(
                c,
                "INSERT INTO " + table.qualifiedName()
                        + " (buyer_id, version, deleted, view) VALUES (?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (buyer_id) DO UPDATE SET version = EXCLUDED.version,"
                        + " deleted = EXCLUDED.deleted, view = EXCLUDED.view WHERE " + table.simpleName()
                        + ".version < EXCLUDED.version",
                ps -> {
                    ps.setObject(1, view.id().value());
                    ps.setLong(2, view.version());
                    ps.setBoolean(3, view.deleted());
                    ps.setString(4, text);
                });
    }

    @Override
    public void clear() {
        Jdbc.withConnection(
                dataSource, "clear buyer views", c -> Jdbc.update(c, "DELETE FROM " + table.qualifiedName(), ps -> {}));
    }

    private BuyerView read(String text) {
        try {
            return json.readValue(text, BuyerView.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored buyer view cannot be read", unreadable);
        }
    }
}

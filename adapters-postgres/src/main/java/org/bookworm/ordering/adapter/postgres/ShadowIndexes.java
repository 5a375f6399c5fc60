package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A rebuild loads its shadow table with only its primary key (the rebuild looks views up by it and upserts on it) and
 * builds the live table's other indexes on the shadow once the log is replayed: one sort per index instead of an index
 * insert per row and index. The definitions are read from the live table ({@code pg_get_indexdef}), so an index a
 * migration adds is rebuilt without a change here. The shadow's indexes carry the live names with
 * {@value #SUFFIX} until the swap; after it, {@link #takeLiveNames} gives them the names the live table's indexes had,
 * so rebuilds do not make the names drift.
 */
final class ShadowIndexes {
    static final String SUFFIX = "_rebuilt";

    private static final String INDEXES = "SELECT i.relname, x.indisprimary, pg_get_indexdef(x.indexrelid)"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ?::regclass"
            + " ORDER BY i.relname";

    /** An index of a table: its name, whether it is the primary key, and its definition. */
    record Index(String name, boolean primary, String definition) {}

    private ShadowIndexes() {}

    static List<Index> of(Connection c, ViewTable table) throws SQLException {
        return Jdbc.query(
                c,
                INDEXES,
                ps -> ps.setString(1, table.qualifiedName()),
                rs -> new Index(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
    }

    /** Drops the shadow's indexes but its primary key (a fresh shadow, made {@code LIKE} the live table). */
    static void dropSecondary(Connection c, ViewTable shadow) throws SQLException {
        for (Index index : of(c, shadow)) {
            if (!index.primary()) {
                execute(c, "DROP INDEX " + schemaOf(shadow) + "." + quoted(index.name()));
            }
        }
    }

    /**
     * Builds every secondary index of {@code live} on {@code shadow}, named with {@value #SUFFIX}; one a resumed
     * rebuild built already is kept. The caller lifts the statement timeout: on millions of rows this takes a while.
     */
    static void build(Connection c, ViewTable live, ViewTable shadow) throws SQLException {
        for (Index index : of(c, live)) {
            if (index.primary()) {
                continue;
            }
            String on = " ON " + live.qualifiedName() + " USING ";
            int at = index.definition().indexOf(on);
            String head =
                    index.definition().startsWith("CREATE UNIQUE INDEX ") ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
            if (at < 0 || !index.definition().startsWith(head + " ")) {
                throw new IllegalStateException("cannot rebuild an index defined as " + index.definition());
            }
            execute(
                    c,
                    head + " IF NOT EXISTS " + quoted(index.name() + SUFFIX) + " ON " + shadow.qualifiedName()
                            + " USING " + index.definition().substring(at + on.length()));
        }
    }

    /**
     * After the swap (the shadow renamed to the live name, the old table dropped with its indexes): the rebuilt
     * indexes take the names {@code before}, the live table's indexes before the swap, had.
     */
    static void takeLiveNames(Connection c, ViewTable live, List<Index> before) throws SQLException {
        List<Index> now = of(c, live);
        for (Index old : before) {
            String rebuilt = old.primary()
                    ? now.stream()
                            .filter(Index::primary)
                            .map(Index::name)
                            .findFirst()
                            .orElse(old.name())
                    : old.name() + SUFFIX;
            if (!rebuilt.equals(old.name())) {
                execute(
                        c,
                        "ALTER INDEX " + schemaOf(live) + "." + quoted(rebuilt) + " RENAME TO " + quoted(old.name()));
            }
        }
    }

    private static String schemaOf(ViewTable table) {
        return table.qualifiedName().substring(0, table.qualifiedName().indexOf('.'));
    }

    /** Names come from the catalog and ViewTable, never from input; quoted all the same. */
    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void execute(Connection c, String ddl) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(ddl);
        }
    }
}

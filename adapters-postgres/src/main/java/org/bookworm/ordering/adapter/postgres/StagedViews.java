package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One view table's rows as a projection's batch sees them (ADR 0046): the stored views it read, each once, and the
 * views it changed, kept in memory until the batch ends and then written in one statement. A save keeps the newer
 * version, as the table does, so a find in the batch answers what the table will hold after the batch. The views an
 * attempt replaced are remembered, so a failed attempt is undone by putting them back: it sent nothing to the table.
 *
 * @param <K> a view's id
 * @param <V> a view
 */
final class StagedViews<K, V> {
    /** What staging needs of a view table: its set-wise read and write on the batch's connection, and a view's key. */
    interface Table<K, V> {
        /** The stored views of {@code ids}, in one statement; absent ones are not in the map. */
        Map<K, V> findAll(Connection c, Collection<K> ids) throws SQLException;

        /** Stores each view unless the stored one is as new or newer, in one statement; the ids are distinct. */
        void saveAll(Connection c, Collection<V> views) throws SQLException;

        /**
         * Whether the views a batch read as absent go to {@link #insertAll}, apart from the others: only for a table
         * that no other transaction can write meanwhile (a rebuild's shadow, written under the rebuild's lock).
         * Otherwise every changed view goes to {@link #saveAll}, in one statement.
         */
        default boolean insertsAbsent() {
            return false;
        }

        /**
         * Stores views of distinct ids this transaction read as absent, as new rows ({@link #insertsAbsent}); fails if
         * one is there after all, never overwriting it.
         */
        default void insertAll(Connection c, Collection<V> views) throws SQLException {
            saveAll(c, views);
        }

        K id(V view);

        long version(V view);
    }

    private final Table<K, V> table;
    private final Connection connection;
    /** The views as stored when the batch read them (empty: no row). */
    private final Map<K, Optional<V>> stored = new HashMap<>();
    /** The views the batch changed, to write when it ends. */
    private final Map<K, V> changed = new LinkedHashMap<>();
    /** The views the attempt under way replaced in {@link #changed} (null: none was changed before). */
    private final Map<K, @Nullable V> replaced = new HashMap<>();

    StagedViews(Table<K, V> table, Connection batch) {
        this.table = table;
        this.connection = batch;
    }

    /** Reads the views of {@code ids} the batch has not read yet, in one statement. */
    void prefetch(Collection<K> ids) {
        prefetch(ids, Set.of());
    }

    /**
     * As {@link #prefetch(Collection)}, taking the views of {@code absent} as read and not found without reading
     * them: the caller knows the table holds none (a rebuild's shadow and the streams that begin in the batch). Only
     * a table that {@link Table#insertsAbsent} is told so; any other reads them all. Were one there after all,
     * writing it would fail the batch ({@link Table#insertAll}), never overwrite it.
     */
    void prefetch(Collection<K> ids, Set<K> absent) {
        Set<K> known = table.insertsAbsent() ? absent : Set.of();
        List<K> unread = new ArrayList<>();
        for (K id : ids) {
            if (stored.containsKey(id) || changed.containsKey(id)) {
                continue;
            }
            if (known.contains(id)) {
                stored.put(id, Optional.empty());
            } else {
                unread.add(id);
            }
        }
        if (unread.isEmpty()) {
            return;
        }
        Map<K, V> found;
        try {
            found = table.findAll(connection, unread);
        } catch (SQLException failed) {
            throw SqlErrors.translate("read a batch's views", failed);
        }
        unread.forEach(id -> stored.put(id, Optional.ofNullable(found.get(id))));
    }

    /** The view as the batch changed it, else as stored (read now if the batch has not read it yet). */
    Optional<V> find(K id) {
        V mine = changed.get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        prefetch(List.of(id));
        return stored.get(id);
    }

    /** Keeps {@code view} to write at the end of the batch, unless the batch already sees one as new or newer. */
    void save(V view) {
        K id = table.id(view);
        Optional<V> current = find(id);
        if (current.isPresent() && table.version(current.get()) >= table.version(view)) {
            return; // a redelivery never rolls a view back
        }
        if (!replaced.containsKey(id)) {
            replaced.put(id, changed.get(id));
        }
        changed.put(id, view);
    }

    /** An attempt starts or has succeeded: what it changed stays. */
    void keepAttempt() {
        replaced.clear();
    }

    /** An attempt failed: the views it replaced are put back. */
    void undoAttempt() {
        replaced.forEach((id, before) -> {
            if (before == null) {
                changed.remove(id);
            } else {
                changed.put(id, before);
            }
        });
        replaced.clear();
    }

    /** The batch cleared the table: nothing stored, nothing changed. */
    void cleared() {
        stored.clear();
        changed.clear();
        replaced.clear();
    }

    /** Whether the batch changed a view it has not written yet. */
    boolean hasChanges() {
        return !changed.isEmpty();
    }

    /**
     * Writes what the batch changed, in one statement, and forgets the batch; into a table that {@link
     * Table#insertsAbsent}, the views it read as absent in one statement ({@link Table#insertAll}) and the others in
     * one more ({@link Table#saveAll}). Every changed view was read in this transaction before it changed ({@link
     * #save} finds it first), so {@link #stored} knows which were absent.
     */
    void flush() throws SQLException {
        if (!changed.isEmpty()) {
            if (table.insertsAbsent()) {
                insertAbsentSaveTheRest();
            } else {
                table.saveAll(connection, changed.values());
            }
        }
        cleared();
    }

    private void insertAbsentSaveTheRest() throws SQLException {
        List<V> absent = new ArrayList<>(changed.size());
        List<V> present = new ArrayList<>();
        changed.forEach((id, view) -> {
            Optional<V> read = stored.get(id);
            (read != null && read.isEmpty() ? absent : present).add(view);
        });
        if (!absent.isEmpty()) {
            table.insertAll(connection, absent);
        }
        if (!present.isEmpty()) {
            table.saveAll(connection, present);
        }
    }
}

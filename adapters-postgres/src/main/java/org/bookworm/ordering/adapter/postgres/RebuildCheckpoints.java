package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.jspecify.annotations.Nullable;

/**
 * The rebuild's checkpoint as the batches of its {@link RebuildPipeline} see it. A batch is staged while the one
 * before it may still be committing, so the table does not say yet where that one got to: this store answers it from
 * memory. A staged batch's save is kept as a {@link Move} and written when the batch commits, only if the stored
 * checkpoint is still the one the batch went on from ({@link #write}): only the rebuild moves its checkpoint, under its
 * lock, so anything else is a failure, never overwritten. Outside a staged batch (the swap's tail, the count of what
 * is left) it is the table's store as it is.
 */
final class RebuildCheckpoints implements Checkpoints {
    /** A checkpoint a staged batch moves: from where it went on, to where it got. */
    record Move(LogPosition from, LogPosition to) {}

    private static final String MOVE = "INSERT INTO eventstore.checkpoints AS stored (subscription, last_tx_id,"
            + " last_position) VALUES (?, ?::text::xid8, ?) ON CONFLICT (subscription) DO UPDATE"
            + " SET last_tx_id = EXCLUDED.last_tx_id, last_position = EXCLUDED.last_position, updated_at = now()"
            + " WHERE stored.last_tx_id = ?::text::xid8 AND stored.last_position = ?";

    private final Checkpoints stored;
    /** Where each checkpoint stands after the last staged batch, while batches are in flight. */
    private final Map<String, LogPosition> ahead = new HashMap<>();
    /** What the batch being staged loaded, by key. */
    private final Map<String, LogPosition> loaded = new HashMap<>();
    /** The saves of the batch being staged; null while none is. */
    private @Nullable Map<String, Move> moves;

    RebuildCheckpoints(Checkpoints stored) {
        this.stored = stored;
    }

    @Override
    public LogPosition load(String subscription) {
        LogPosition position = ahead.get(subscription);
        if (position == null) {
            position = stored.load(subscription);
        }
        if (moves != null) {
            loaded.put(subscription, position);
        }
        return position;
    }

    @Override
    public void save(String subscription, LogPosition position) {
        Map<String, Move> staged = moves;
        if (staged == null) {
            stored.save(subscription, position);
            return;
        }
        LogPosition from = Objects.requireNonNull(
                loaded.get(subscription), () -> "a staged batch saves " + subscription + " without loading it");
        staged.put(subscription, new Move(from, position));
        ahead.put(subscription, position);
    }

    /** A batch is staged: its saves are kept until it commits. */
    void staging() {
        moves = new LinkedHashMap<>();
        loaded.clear();
    }

    /** The batch is staged (or failed): its saves, to write when it commits. */
    Map<String, Move> staged() {
        Map<String, Move> staged = moves == null ? Map.of() : Map.copyOf(moves);
        moves = null;
        return staged;
    }

    /** Every batch committed: the table says where the checkpoints are again. */
    void settled() {
        ahead.clear();
    }

    /**
     * Writes a batch's moves in its transaction; fails, writing nothing, when a stored checkpoint is no longer where
     * the batch went on from.
     */
    static void write(Connection c, Map<String, Move> moves) throws SQLException {
        for (var move : moves.entrySet()) {
            String key = move.getKey();
            LogPosition from = move.getValue().from();
            LogPosition to = move.getValue().to();
            int written = Jdbc.update(c, MOVE, ps -> {
                ps.setString(1, key);
                ps.setString(2, Long.toString(to.transaction()));
                ps.setLong(3, to.position());
                ps.setString(4, Long.toString(from.transaction()));
                ps.setLong(5, from.position());
            });
            if (written != 1) {
                throw new IllegalStateException("the checkpoint of " + key + " moved from " + from
                        + " while the rebuild replayed; it was not overwritten");
            }
        }
    }
}

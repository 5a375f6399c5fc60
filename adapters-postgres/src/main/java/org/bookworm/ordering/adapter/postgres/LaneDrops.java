package org.bookworm.ordering.adapter.postgres;

import java.util.UUID;
import javax.sql.DataSource;

/**
 * An operator's drop of a held lane, recorded (V13's {@code eventstore.dead_letter_drops}: who, why, when, and the
 * events as they were held) in the same transaction as the drop itself: no drop without its record.
 */
final class LaneDrops {
    private static final String RECORD = "INSERT INTO eventstore.dead_letter_drops (subscription, lane, events,"
            + " dropped_by, reason, letters) SELECT ?, ?, count(*), ?, ?, jsonb_agg(to_jsonb(d) ORDER BY d.log_tx,"
            + " d.log_position) FROM eventstore.dead_letters d WHERE d.subscription = ? AND d.stream_id = ?"
            + " HAVING count(*) > 0";

    private LaneDrops() {}

    /** Drops the lane and records it; returns how many events it held (0: no such lane, nothing changed). */
    static int drop(DataSource dataSource, PostgresDeadLetters deadLetters, Drop drop) {
        return Jdbc.inTransaction(dataSource, "drop a held lane", c -> {
            PostgresUnitOfWork.lock(c, drop.subscription());
            int recorded = Jdbc.update(c, RECORD, ps -> {
                ps.setString(1, drop.subscription());
                ps.setObject(2, drop.lane());
                ps.setString(3, drop.by());
                ps.setString(4, drop.reason());
                ps.setString(5, drop.subscription());
                ps.setObject(6, drop.lane());
            });
            return recorded == 0
                    ? 0
                    : Jdbc.bound(dataSource, c, bound -> deadLetters.drop(drop.subscription(), drop.lane()));
        });
    }

    /** Who drops which lane of which subscription, and why. */
    record Drop(String subscription, UUID lane, String by, String reason) {
        Drop {
            if (by.isBlank() || by.length() > 200) {
                throw new IllegalArgumentException("who drops is 1 to 200 characters");
            }
            if (reason.isBlank() || reason.length() > 500) {
                throw new IllegalArgumentException("--reason is 1 to 500 characters");
            }
        }
    }
}

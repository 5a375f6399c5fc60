package org.bookworm.ordering.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.jspecify.annotations.Nullable;

/**
 * Where one subscription stands: its checkpoint, how many events of the log it has not handled yet and how old the
 * oldest of them is, its held lanes, whether a rebuild of it is under way, and which server processes are connected to
 * the database (each runs every subscription: the owner).
 */
public record SubscriptionState(
        String name,
        LogPosition position,
        @Nullable Instant updatedAt,
        long lagEvents,
        @Nullable Duration lagTime,
        int retryingLanes,
        int parkedLanes,
        @Nullable LogPosition rebuildPosition,
        List<Owner> owners) {

    public SubscriptionState {
        owners = List.copyOf(owners);
    }

    /** A live connection of an {@code ordering serve} (application name {@code ordering}) to this database. */
    public record Owner(int pid, String client, Instant since) {
        @Override
        public String toString() {
            return "server connection pid " + pid + " from " + client + " since " + since;
        }
    }

    /** What it is doing: rebuilding, failed (parked lanes), retrying, running (a server owns it) or stopped. */
    public String state() {
        if (rebuildPosition != null) {
            return "rebuilding";
        }
        if (parkedLanes > 0) {
            return "failed";
        }
        if (retryingLanes > 0) {
            return "retrying";
        }
        return owners.isEmpty() ? "stopped" : "running";
    }

    /** The first owner, or a plain word when no server is connected. */
    public String owner() {
        return owners.isEmpty() ? "none (no server connected)" : owners.get(0).toString();
    }
}

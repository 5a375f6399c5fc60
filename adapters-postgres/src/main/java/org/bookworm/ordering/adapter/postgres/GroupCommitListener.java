package org.bookworm.ordering.adapter.postgres;

import java.time.Duration;

/**
 * Hears of each commit of the group committer, for metrics (ADR 0033): how many appends it carried (each from its own
 * caller, of fewer than {@link GroupCommitter#ALONE_FROM} events) and how long it took, answers included. Called on the
 * committing thread after every caller of the batch has its answer, so it must be quick; one that throws is logged and
 * the commit stands.
 */
@FunctionalInterface
public interface GroupCommitListener {
    /** Hears nothing. */
    GroupCommitListener NONE = (appends, took) -> {};

    void committed(int appends, Duration took);
}

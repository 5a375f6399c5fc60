package org.bookworm.ordering.adapter.postgres;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.bookworm.ordering.adapter.postgres.LogReads.StoredPage;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/**
 * Reads the next page of a catch-up while the caller decodes the current one: the server (one core) and the decoding
 * client (the other) then work at the same time instead of taking turns. A page is read ahead only after a full page,
 * and only a few at a time.
 *
 * <p>Serving a page read earlier never breaks the xid8 rule (RELIABILITY.md section 3). The page holds the first
 * matching events after the position among those below the horizon when it was read (a page that is not full also
 * ends at the last event below that horizon); every transaction below that horizon had
 * ended, so no event can appear among them later, and every event that became readable since sorts after all of them
 * (its transaction id is at least that horizon). The page is therefore a prefix of what a fresh read would return: it
 * may be shorter, it never skips and never repeats. An empty or failed read ahead is dropped and the caller reads
 * afresh (with the usual holdback wait and errors).
 */
final class ReadAhead {
    private static final int MAX_PENDING = 4;
    private static final long FORGET_AFTER_NANOS = 2_000_000_000L;

    @FunctionalInterface
    interface Fetch {
        StoredPage page(LogPosition after, int limit, EventFilter filter) throws SQLException;
    }

    /** A page is read ahead for one reader: the position it will resume after, and what it reads. */
    private record Key(LogPosition after, EventFilter filter) {}

    private record Pending(CompletableFuture<StoredPage> page, long startedAt) {}

    private final Fetch fetch;
    private final Executor executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Key, Pending> pending = new ConcurrentHashMap<>();

    ReadAhead(Fetch fetch) {
        this.fetch = fetch;
    }

    /** The page read ahead after {@code after}, cut to {@code limit}, if one was started and has events. */
    Optional<StoredPage> take(LogPosition after, int limit, EventFilter filter) throws InterruptedException {
        Pending page = pending.remove(new Key(after, filter));
        if (page == null) {
            return Optional.empty();
        }
        try {
            StoredPage read = page.page().get();
            return read.rows().isEmpty() ? Optional.empty() : Optional.of(read.first(limit));
        } catch (ExecutionException failed) {
            return Optional.empty();
        }
    }

    /** Starts reading the page after {@code after}, unless too many pages are waiting to be taken already. */
    void start(LogPosition after, int limit, EventFilter filter) {
        long now = System.nanoTime();
        // A consumer that stopped never takes its page: forget it rather than hold the rows.
        pending.values().removeIf(page -> now - page.startedAt() > FORGET_AFTER_NANOS);
        if (pending.size() >= MAX_PENDING) {
            return;
        }
        pending.computeIfAbsent(
                new Key(after, filter),
                key -> new Pending(
                        CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        return fetch.page(key.after(), limit, key.filter());
                                    } catch (SQLException failed) {
                                        throw SqlErrors.translate("read the global log ahead", failed);
                                    }
                                },
                                executor),
                        now));
    }
}

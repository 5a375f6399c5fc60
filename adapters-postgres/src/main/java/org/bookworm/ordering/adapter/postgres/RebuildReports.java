package org.bookworm.ordering.adapter.postgres;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What a rebuild tells its {@link RebuildProgress}, in order and on the rebuild's thread: where it starts, once the
 * count of what is left (made beside the first batch) is in, before the first batch commits; then the events
 * committed after each batch ({@link RebuildPipeline} calls {@link #accept} before it hands a batch on to commit).
 */
final class RebuildReports implements LongConsumer, AutoCloseable {
    private final RebuildProgress progress;
    private final boolean resumed;
    private @Nullable CompletableFuture<Long> remaining;
    private boolean started;
    private long replayed;

    RebuildReports(RebuildProgress progress, boolean resumed) {
        this.progress = progress;
        this.resumed = resumed;
    }

    /** The count of what is left to replay, under way. */
    void counting(CompletableFuture<Long> remaining) {
        this.remaining = remaining;
    }

    /** {@code committed} events of this run are committed: the start first, then each batch, once. */
    @Override
    public void accept(long committed) {
        if (!started) {
            started = true;
            progress.started(resumed, remaining());
        }
        if (committed > replayed) {
            replayed = committed;
            progress.replayed(committed);
        }
    }

    private long remaining() {
        try {
            return Objects.requireNonNull(remaining, "the count of what is left was not started")
                    .join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /** Waits for a count the rebuild stopped before needing, so its connection is back in the pool. */
    @Override
    public void close() {
        CompletableFuture<Long> count = remaining;
        if (count != null) {
            count.handle((ignored, failure) -> 0L).join();
        }
    }
}

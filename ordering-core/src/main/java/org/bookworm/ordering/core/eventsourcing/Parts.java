package org.bookworm.ordering.core.eventsourcing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs a subscription's independent parts (one per lane), up to {@code lanes} at once on virtual threads, or one
 * after the other with one lane. Every part runs to its end even when another fails; the first failure is rethrown.
 */
final class Parts {
    private final String name;
    private final int lanes;

    Parts(String name, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("a subscription has at least one lane");
        }
        this.name = name;
        this.lanes = lanes;
    }

    void run(List<Runnable> parts) {
        if (lanes == 1 || parts.size() <= 1) {
            parts.forEach(Runnable::run);
            return;
        }
        var free = new Semaphore(lanes);
        var running = new ArrayList<Future<?>>(parts.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Runnable part : parts) {
                free.acquireUninterruptibly();
                running.add(threads.submit(() -> {
                    try {
                        part.run();
                    } finally {
                        free.release();
                    }
                }));
            }
        }
        rethrowFirst(running);
    }

    private void rethrowFirst(List<Future<?>> running) {
        RuntimeException first = null;
        for (Future<?> part : running) {
            try {
                part.get();
            } catch (ExecutionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof RuntimeException cause
                            ? cause
                            : new IllegalStateException(failed.getCause());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + " was interrupted while handling a batch", interrupted);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

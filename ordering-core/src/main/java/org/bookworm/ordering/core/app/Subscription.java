package org.bookworm.ordering.core.app;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.bookworm.ordering.core.port.Checkpoints;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StoreUnavailable;
import org.bookworm.ordering.core.port.StreamId;

/**
 * A reader of the global log with a checkpoint. Each {@link #pump} reads one batch after the checkpoint, hands every
 * event to the handler and then saves the checkpoint. An event whose handler fails {@value #ATTEMPTS} times is parked
 * as a dead letter with its error, together with every later event of its stream; other streams keep flowing. A
 * {@link StoreUnavailable} is not the event's fault: it stops the batch unsaved, to be tried again, and parks nothing.
 *
 * <p>With more than one lane, a batch is split by stream id and the parts are handled at the same time, up to {@code
 * lanes} at once, each part in log order. Streams that share an id (an order's {@code order-}, {@code checkout-} and
 * {@code payment-} streams) share a part, so everything that happens to one order is still handled in order, while
 * different orders no longer wait for each other, and their appends can share group commits. The handler must then be
 * safe to call from several threads for different ids; the checkpoint is saved only when every part is done.
 */
public final class Subscription {
    static final int ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(Subscription.class.getName());

    private final String name;
    private final EventLog log;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final EventHandler handler;
    private final int batchSize;
    private final int lanes;

    /** One event at a time. */
    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize) {
        this(name, log, checkpoints, deadLetters, handler, batchSize, 1);
    }

    /** Up to {@code lanes} stream ids handled at once (see the class comment). */
    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize,
            int lanes) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("a subscription has at least one lane");
        }
        this.lanes = lanes;
        this.name = name;
        this.log = log;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.handler = handler;
        this.batchSize = batchSize;
    }

    public String name() {
        return name;
    }

    public LogPosition position() {
        return checkpoints.load(name);
    }

    /** Handles one batch; returns how many events it read (0: caught up). */
    public int pump() {
        LogPosition from = checkpoints.load(name);
        List<RecordedEvent> batch = log.readAfter(from, batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        Set<StreamId> parked = ConcurrentHashMap.newKeySet();
        parked.addAll(deadLetters.parkedStreams(name));
        if (lanes == 1) {
            handleInOrder(batch, parked);
        } else {
            handleInLanes(batch, parked);
        }
        checkpoints.save(name, batch.get(batch.size() - 1).position());
        return batch.size();
    }

    private void handleInOrder(List<RecordedEvent> events, Set<StreamId> parked) {
        for (RecordedEvent event : events) {
            if (parked.contains(event.stream())) {
                deadLetters.park(name, event, "parked behind an earlier failed event of " + event.stream());
            } else if (!handleWithRetries(event)) {
                parked.add(event.stream());
            }
        }
    }

    /** Every part runs to its end even when another fails; the first failure is rethrown, and nothing is saved. */
    private void handleInLanes(List<RecordedEvent> batch, Set<StreamId> parked) {
        Map<UUID, List<RecordedEvent>> parts = new LinkedHashMap<>();
        for (RecordedEvent event : batch) {
            parts.computeIfAbsent(event.stream().id(), id -> new ArrayList<>()).add(event);
        }
        if (parts.size() == 1) {
            handleInOrder(batch, parked);
            return;
        }
        var free = new Semaphore(lanes);
        var running = new ArrayList<Future<?>>(parts.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<RecordedEvent> part : parts.values()) {
                free.acquireUninterruptibly();
                running.add(threads.submit(() -> {
                    try {
                        handleInOrder(part, parked);
                    } finally {
                        free.release();
                    }
                }));
            }
        }
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

    /** Pumps until caught up; returns how many events it read. */
    public int drain() {
        int total = 0;
        int read;
        while ((read = pump()) > 0) {
            total += read;
        }
        return total;
    }

    /**
     * Keeps the subscription current until the calling thread is interrupted: drains, then waits until the log has
     * events after the checkpoint (the log's wake-up, or at the latest {@code maxWait}). A failure is logged and the
     * subscription tries again after {@code pause}; nothing is skipped, as the checkpoint only moves after a batch.
     */
    public void follow(Duration maxWait, Duration pause) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                drain();
                log.awaitEvents(position(), maxWait);
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, name + " failed; trying again in " + pause, failure);
                Thread.sleep(pause.toMillis());
            }
        }
        throw new InterruptedException(name + " stopped");
    }

    private boolean handleWithRetries(RecordedEvent event) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                handler.handle(event);
                return true;
            } catch (StoreUnavailable outage) {
                // Not the event's fault: parking it would need an admin to replay it. The batch stops here, the
                // checkpoint stays, and the next pump tries again.
                throw outage;
            } catch (RuntimeException failure) {
                last = failure;
            }
        }
        LOG.log(
                Level.WARNING,
                () -> name + " parked " + event.stream() + " v" + event.version() + ": " + lastMessage(event));
        deadLetters.park(name, event, String.valueOf(last));
        return false;
    }

    private static String lastMessage(RecordedEvent event) {
        return event.event().getClass().getSimpleName();
    }
}

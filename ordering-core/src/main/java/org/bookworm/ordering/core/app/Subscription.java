package org.bookworm.ordering.core.app;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bookworm.ordering.core.port.Checkpoints;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;

/**
 * A reader of the global log with a checkpoint. Each {@link #pump} reads one batch after the checkpoint, hands every
 * event to the handler and then saves the checkpoint. An event whose handler fails {@value #ATTEMPTS} times is parked
 * as a dead letter with its error, together with every later event of its stream; other streams keep flowing.
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

    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
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
        Set<StreamId> parked = new HashSet<>(deadLetters.parkedStreams(name));
        for (RecordedEvent event : batch) {
            if (parked.contains(event.stream())) {
                deadLetters.park(name, event, "parked behind an earlier failed event of " + event.stream());
            } else if (!handleWithRetries(event)) {
                parked.add(event.stream());
            }
        }
        checkpoints.save(name, batch.get(batch.size() - 1).position());
        return batch.size();
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

    private boolean handleWithRetries(RecordedEvent event) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                handler.handle(event);
                return true;
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

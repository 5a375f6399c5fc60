package org.bookworm.ordering.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.DumpSelection;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordering events tail}: the events as they commit, as JSON Lines, through the subscriptions' own reader of the
 * log, so it never skips one (an event whose transaction commits late still comes, once).
 */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "Print events as they commit (JSON Lines), from a position or from now; never skips one.")
final class EventsTail implements Callable<Integer> {
    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofSeconds(1);
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", defaultValue = "now", description = "now (default), a log position, or an instant.")
    String from = "now";

    @Option(names = "--follow", description = "Keep waiting for new events until interrupted (Ctrl-C) or --limit.")
    boolean follow;

    @Option(names = "--limit", description = "Stop after this many events.")
    @Nullable
    Long limit;

    EventsTail(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit is at least 1, not " + limit);
        }
        try (var session = wiring.admin(options, true)) {
            tail(session.pg(), start(session.pg()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.DONE;
    }

    private LogPosition start(PostgresAdmin pg) {
        if ("now".equals(from)) {
            return pg.now();
        }
        DumpSelection.Bound bound;
        try {
            bound = DumpSelection.bound(from);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("--from: " + malformed.getMessage());
        }
        return switch (bound) {
            case DumpSelection.Bound.Position position -> pg.after(position.position());
            case DumpSelection.Bound.At at -> pg.before(at.at());
        };
    }

    private void tail(PostgresAdmin pg, LogPosition start) throws InterruptedException {
        var out = spec.commandLine().getOut();
        var log = pg.eventLog();
        LogPosition at = start;
        long printed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            var batch = log.readAfter(at, BATCH);
            for (var event : batch) {
                out.println(pg.json(event));
                at = event.position();
                if (limit != null && ++printed >= limit) {
                    return;
                }
            }
            out.flush();
            if (batch.isEmpty()) {
                if (!follow) {
                    return;
                }
                log.awaitEvents(at, WAIT);
            }
        }
    }
}

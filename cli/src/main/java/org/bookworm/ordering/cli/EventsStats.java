package org.bookworm.ordering.cli;

import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.EventStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering events stats}: counts and bytes by stream and event type, the log's span and its append rate. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Events and bytes by stream type and event type, first and last position and time, and the"
                + " append rate over the last minute and hour.")
final class EventsStats implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    EventsStats(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        EventStats stats;
        try (var session = wiring.admin(options, true)) {
            stats = session.pg().stats();
        }
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, stats);
            return ExitCodes.DONE;
        }
        out.printf("%-12s %-36s %12s %14s%n", "STREAM", "TYPE", "EVENTS", "BYTES");
        for (var row : stats.types()) {
            out.printf("%-12s %-36s %12d %14d%n", row.streamType(), row.type(), row.events(), row.bytes());
        }
        out.printf("%-12s %-36s %12d %14d%n", "total", "", stats.events(), stats.bytes());
        out.printf(
                "positions %s to %s, recorded %s to %s%n",
                orDash(stats.firstPosition()),
                orDash(stats.lastPosition()),
                orDash(stats.firstAt()),
                orDash(stats.lastAt()));
        out.printf(
                "appended: %d in the last minute (%.1f/s), %d in the last hour (%.1f/s)%n",
                stats.lastMinute(), stats.lastMinute() / 60.0, stats.lastHour(), stats.lastHour() / 3600.0);
        out.flush();
        return ExitCodes.DONE;
    }

    private static String orDash(@org.jspecify.annotations.Nullable Object value) {
        return value == null ? "-" : value.toString();
    }
}

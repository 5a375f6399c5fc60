package org.bookworm.ordering.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.DumpSelection;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ordering subscriptions reset NAME --to <position|instant>}: the subscription next handles the events after
 * that point. Refused while a server is connected to the database (it runs every subscription) unless {@code
 * --force}, and refused when it would skip events forward unless {@code --force} (ADR 0032).
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = "Move a subscription's checkpoint: it next handles the events after --to. Refused while a server"
                + " runs it, or when it would skip events, unless --force.")
final class SubscriptionsReset implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "e.g. checkout-saga, order-views.")
    String name = "";

    @Option(names = "--to", required = true, description = "A log position (0: the start) or an instant.")
    String to = "";

    @Option(names = "--force", description = "Reset even while a server runs it, or forward past unhandled events.")
    boolean force;

    SubscriptionsReset(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        ProjectionsCommand.requireKnown(name);
        DumpSelection.Bound bound = bound();
        try (var session = wiring.admin(options, true)) {
            var pg = session.pg();
            var owners = pg.owners();
            if (!owners.isEmpty() && !force) {
                throw new Busy(name + " is running: " + owners.get(0)
                        + (owners.size() > 1 ? " and " + (owners.size() - 1) + " more" : "")
                        + "; stop the server or give --force");
            }
            LogPosition target = resolve(pg, bound);
            LogPosition current = pg.subscriptions(List.of(name)).get(0).position();
            if (target.isAfter(current) && !force) {
                spec.commandLine()
                        .getErr()
                        .println("ordering: moving " + name + " from " + current.position() + " to " + target.position()
                                + " would skip events it has not handled; give --force to skip them");
                spec.commandLine().getErr().flush();
                return ExitCodes.REFUSED;
            }
            pg.moveCheckpoint(name, target);
            print(current, target);
        }
        return ExitCodes.DONE;
    }

    private DumpSelection.Bound bound() {
        try {
            return DumpSelection.bound(to);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("--to: " + malformed.getMessage());
        }
    }

    private static LogPosition resolve(PostgresAdmin pg, DumpSelection.Bound bound) {
        return switch (bound) {
            case DumpSelection.Bound.Position position -> pg.after(position.position());
            case DumpSelection.Bound.At at -> pg.before(at.at());
        };
    }

    private void print(LogPosition from, LogPosition target) {
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, Map.of("subscription", name, "from", from, "to", target));
            return;
        }
        out.printf(
                "%s: checkpoint moved from position %d to %d; it next handles the events after %d%n",
                name, from.position(), target.position(), target.position());
        out.flush();
    }
}

package org.bookworm.ordering.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering projections list}: every projection and subscription, one line each. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Each projection and subscription: position, lag in events and time, state, owner.")
final class ProjectionsList implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ProjectionsList(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        try (var session = wiring.admin(options, true)) {
            var states = session.pg().subscriptions(ProjectionsCommand.names());
            if (options.json()) {
                Output.json(spec.commandLine().getOut(), states);
            } else {
                ProjectionsCommand.table(spec.commandLine().getOut(), states);
            }
        }
        return ExitCodes.DONE;
    }
}

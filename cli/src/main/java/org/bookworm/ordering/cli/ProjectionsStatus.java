package org.bookworm.ordering.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ordering projections status NAME}: one projection or subscription in detail. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "One projection or subscription: checkpoint, lag, held lanes, rebuild, every server connected.")
final class ProjectionsStatus implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "e.g. order-views, checkout-saga.")
    String name = "";

    ProjectionsStatus(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        ProjectionsCommand.requireKnown(name);
        var out = spec.commandLine().getOut();
        try (var session = wiring.admin(options, true)) {
            var state = session.pg().subscriptions(List.of(name)).get(0);
            if (options.json()) {
                Output.json(out, Map.of("subscription", state, "state", state.state()));
                return ExitCodes.DONE;
            }
            out.printf("name:        %s%n", state.name());
            out.printf("state:       %s%n", state.state());
            out.printf(
                    "checkpoint:  position %d (transaction %d), saved %s%n",
                    state.position().position(),
                    state.position().transaction(),
                    state.updatedAt() == null ? "never" : state.updatedAt());
            out.printf(
                    "lag:         %d events, oldest unhandled %s old%n",
                    state.lagEvents(), Output.human(state.lagTime()));
            out.printf("held lanes:  %d retrying, %d parked%n", state.retryingLanes(), state.parkedLanes());
            if (state.rebuildPosition() != null) {
                out.printf(
                        "rebuild:     interrupted at position %d: run projections rebuild %s to resume%n",
                        state.rebuildPosition().position(), state.name());
            }
            out.printf("owner:       %s%n", state.owner());
            state.owners().stream().skip(1).forEach(owner -> out.printf("             %s%n", owner));
            out.flush();
        }
        return ExitCodes.DONE;
    }
}

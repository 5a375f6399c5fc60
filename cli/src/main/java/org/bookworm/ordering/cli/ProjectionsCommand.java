package org.bookworm.ordering.cli;

import java.io.PrintWriter;
import java.util.List;
import org.bookworm.ordering.adapter.postgres.SubscriptionState;
import org.bookworm.ordering.core.composition.ServiceGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering projections}: where every projection and subscription stands, and rebuilding a projection. */
@Command(
        name = "projections",
        mixinStandardHelpOptions = true,
        description = "List projections and subscriptions with their position, lag, state and owner; rebuild one.",
        subcommands = {ProjectionsList.class, ProjectionsStatus.class, ProjectionsRebuild.class})
final class ProjectionsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, status, rebuild");
    }

    /** Every subscription the service graph runs: the reactors, then the projections. */
    static List<String> names() {
        return ServiceGraph.SUBSCRIPTIONS;
    }

    /** A known subscription's name, or a usage error that lists them. */
    static String requireKnown(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no projection or subscription '" + name + "'; there are " + names());
        }
        return name;
    }

    static void table(PrintWriter out, List<SubscriptionState> states) {
        out.printf("%-16s %-12s %-10s %10s %10s  %s%n", "NAME", "POSITION", "STATE", "LAG", "LAG TIME", "OWNER");
        for (var state : states) {
            out.printf(
                    "%-16s %-12s %-10s %10d %10s  %s%n",
                    state.name(),
                    state.position().position(),
                    state.state(),
                    state.lagEvents(),
                    Output.human(state.lagTime()),
                    state.owner());
        }
        out.flush();
    }
}

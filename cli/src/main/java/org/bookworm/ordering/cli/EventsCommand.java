package org.bookworm.ordering.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering events}: what the log holds, the log itself as JSON Lines, and its tail as it commits. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Count, dump and follow the events of the log.",
        subcommands = {EventsStats.class, EventsDump.class, EventsTail.class})
final class EventsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: stats, dump, tail");
    }
}

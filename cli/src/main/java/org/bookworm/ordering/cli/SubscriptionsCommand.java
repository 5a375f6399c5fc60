package org.bookworm.ordering.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ordering subscriptions}: moving a subscription's checkpoint, to replay from a point. */
@Command(
        name = "subscriptions",
        mixinStandardHelpOptions = true,
        description = "Replay a reactor or a projection from a point of the log.",
        subcommands = {SubscriptionsReset.class})
final class SubscriptionsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: reset");
    }
}

package org.bookworm.ordering.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ordering}: runs the Orders server, mints development tokens and reads orders from a running server. */
@Command(
        name = "ordering",
        mixinStandardHelpOptions = true,
        version = "ordering 0.1.0",
        description = "BookWorm Orders: serve the gRPC API, wait until it serves, mint development tokens, read orders;"
                + " operate its database: migrations, the log, projections, subscriptions, held events, invariants.",
        subcommands = {
            ServeCommand.class,
            WaitCommand.class,
            TokenCommand.class,
            OrdersCommand.class,
            DeadLettersCommand.class,
            DbCommand.class,
            EventsCommand.class,
            HorizonCommand.class,
            ProjectionsCommand.class,
            SubscriptionsCommand.class,
            VerifyCommand.class,
            CompletionCommand.class
        })
public final class OrderingCli implements Runnable {
    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (never secrets).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new Wiring()).execute(args));
    }

    /** The command line with its factory, exit codes and one-line error reporting. */
    public static CommandLine commandLine(Wiring wiring) {
        var commandLine = new CommandLine(new OrderingCli(), wiring);
        commandLine.setExitCodeExceptionMapper(new ExitCodes());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((failure, failedLine, parseResult) -> {
            PrintWriter err = failedLine.getErr();
            err.println("ordering: " + ExitCodes.describe(failure));
            if (parseResult.hasMatchedOption("--verbose")) {
                failure.printStackTrace(err);
            }
            err.flush();
            return new ExitCodes().getExitCode(failure);
        });
        return commandLine;
    }

    @Override
    public void run() {
        // no subcommand: show what there is
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}

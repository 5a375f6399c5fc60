package org.bookworm.ordering.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ordering projections rebuild NAME}: replays the log into a shadow table and swaps it in atomically. Each
 * batch commits its rows with the rebuild's checkpoint, so a killed rebuild resumes where it stopped (ADR 0032).
 */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = "Replay the log into a shadow table of the projection and swap it in atomically; resumes an"
                + " interrupted rebuild. A progress bar on a terminal, progress lines otherwise (stderr).")
final class ProjectionsRebuild implements Callable<Integer> {
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The projection: order-views or buyer-views.")
    String name = "";

    @Option(
            names = "--restart",
            description = "Discard an interrupted rebuild's progress and start from the beginning.")
    boolean restart;

    @Option(
            names = "--batch-size",
            paramLabel = "EVENTS",
            description = "Events read and committed at a time, with the rebuild's checkpoint (1 to 100000;"
                    + " default: ${DEFAULT-VALUE}). A kill loses at most one batch.")
    int batchSize = PostgresAdmin.REBUILD_BATCH_SIZE;

    ProjectionsRebuild(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        if (!PostgresAdmin.projectionNames().contains(name)) {
            throw new IllegalArgumentException(
                    "no projection '" + name + "'; there are " + PostgresAdmin.projectionNames());
        }
        if (batchSize < 1 || batchSize > PostgresAdmin.MAX_REBUILD_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "--batch-size: 1 to " + PostgresAdmin.MAX_REBUILD_BATCH_SIZE + " events, not " + batchSize);
        }
        var err = spec.commandLine().getErr();
        long startedAt = System.nanoTime();
        int read;
        try (var session = wiring.admin(options, true);
                var reporter = wiring.rebuildReporter(err, name, !options.json() && RebuildReporter.onTerminal())) {
            read = session.pg().rebuild(name, reporter, restart, batchSize);
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Output.json(out, Map.of("projection", name, "replayed", read, "seconds", seconds));
        } else {
            out.printf("rebuilt %s: replayed %d events in %.1fs and swapped it in%n", name, read, seconds);
            out.flush();
        }
        return ExitCodes.DONE;
    }
}

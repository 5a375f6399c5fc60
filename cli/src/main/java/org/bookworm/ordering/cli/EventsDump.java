package org.bookworm.ordering.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.postgres.DumpSelection;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ordering events dump}: the log as JSON Lines on stdout, in log order, streamed from a server-side cursor so
 * memory stays constant however long the log. Payment tokens are written as {@code ***}.
 */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "The events as JSON Lines on stdout (whatever --output says), in log order, streamed.")
final class EventsDump implements Callable<Integer> {
    private static final int CHECK_EVERY = 1_000;
    private final Wiring wiring;

    @CommandLine.Mixin
    AdminOptions options = new AdminOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stream", description = "Only this stream, e.g. order-0192f0c8-....")
    @Nullable
    String stream;

    @Option(names = "--type", description = "Only events of this type (repeatable), e.g. OrderPlaced.")
    List<String> types = new ArrayList<>();

    @Option(names = "--since", description = "After this log position, or from this instant (2026-11-24T18:00:00Z).")
    @Nullable
    String since;

    @Option(names = "--until", description = "Up to this log position, or before this instant.")
    @Nullable
    String until;

    EventsDump(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        DumpSelection filter = filter();
        PrintWriter out = spec.commandLine().getOut();
        long[] written = {0};
        try (var session = wiring.admin(options, true)) {
            session.pg().dump(filter, line -> {
                // write, not println: an auto-flushing writer would flush every line
                out.write(line);
                out.write('\n');
                if (++written[0] % CHECK_EVERY == 0 && out.checkError()) {
                    throw new OutputClosed();
                }
            });
        } catch (OutputClosed closed) {
            return ExitCodes.DONE; // the reader went away (| head): nothing more to say
        }
        out.flush();
        return ExitCodes.DONE;
    }

    private DumpSelection filter() {
        StreamId streamId = stream == null ? null : StreamId.parse(stream);
        return new DumpSelection(
                streamId == null ? null : streamId.type().prefix(),
                streamId == null ? null : streamId.id(),
                types,
                since == null ? null : bound("--since", since),
                until == null ? null : bound("--until", until));
    }

    private static DumpSelection.Bound bound(String option, String text) {
        try {
            return DumpSelection.bound(text);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(option + ": " + malformed.getMessage());
        }
    }

    /** Stdout was closed under us. */
    private static final class OutputClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputClosed() {
            super("stdout is closed", null, false, false);
        }
    }
}

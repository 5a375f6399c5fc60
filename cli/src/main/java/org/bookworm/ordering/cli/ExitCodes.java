package org.bookworm.ordering.cli;

import java.io.UncheckedIOException;
import org.bookworm.ordering.adapter.grpc.OrderingClient;
import org.bookworm.ordering.adapter.postgres.RebuildRunning;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import picocli.CommandLine;

/**
 * The one mapping from failures to exit codes: 0 done, 1 refused by the domain, 2 usage, 3 conflict or busy, 4
 * infrastructure (store or server down, timeout), 5 {@code verify} found a broken invariant.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int CONFLICT = 3;
    static final int INFRASTRUCTURE = 4;
    static final int BROKEN_INVARIANT = 5;

    @Override
    public int getExitCode(Throwable failure) {
        return switch (failure) {
            case CommandLine.ParameterException e -> USAGE;
            case LeftoverPostmaster.DataDirectoryBusy e -> CONFLICT;
            case Busy e -> CONFLICT;
            case RebuildRunning e -> CONFLICT;
            case IllegalArgumentException e -> USAGE;
            case Leases.PartitionCountMismatch e -> USAGE;
            case OrderingClient.Failed e ->
                switch (e.kind()) {
                    case INVALID -> USAGE;
                    case REFUSED -> REFUSED;
                    case CONFLICT -> CONFLICT;
                    case UNAVAILABLE -> INFRASTRUCTURE;
                };
            case UncheckedIOException e -> INFRASTRUCTURE;
            case StoreUnavailable e -> INFRASTRUCTURE;
            default -> INFRASTRUCTURE;
        };
    }

    /** One line for a person: the message of what we know, a plain word for what we do not. */
    static String describe(Throwable failure) {
        return switch (failure) {
            case OrderingClient.Failed e -> e.getMessage();
            case IllegalArgumentException e -> e.getMessage();
            case Leases.PartitionCountMismatch e -> e.getMessage();
            case LeftoverPostmaster.DataDirectoryBusy e -> e.getMessage();
            case UncheckedIOException e -> e.getMessage();
            case Busy e -> e.getMessage();
            case RebuildRunning e -> e.getMessage();
            case StoreUnavailable e -> e.getMessage();
            default -> "unexpected error (" + failure.getClass().getSimpleName() + "): run with --verbose";
        };
    }
}

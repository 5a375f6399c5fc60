package org.bookworm.ordering.core.eventsourcing;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Tells a failure that can pass by waiting from one that cannot. */
final class Failures {
    private Failures() {}

    /**
     * True when the failure, or any of its causes, is a {@link TransientFailure} (what adapters translate their
     * drivers' outages into), a write conflict that outlived its retries, a timeout or a broken socket.
     */
    static boolean isTransient(Throwable failure) {
        @Nullable Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 20; depth++, cause = next(cause)) {
            if (cause instanceof TransientFailure
                    || cause instanceof ConcurrencyConflict
                    || cause instanceof ConflictPersisted
                    || cause instanceof TimeoutException
                    || cause instanceof InterruptedIOException
                    || cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    /** One line that says what failed: the failure and, when it wraps another, the innermost cause. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (cause: " + root + ")";
    }

    private static @Nullable Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}

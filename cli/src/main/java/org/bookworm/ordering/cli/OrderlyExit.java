package org.bookworm.ordering.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the JVM from halting on Ctrl-C or SIGTERM until {@code serve} has closed what it opened, in order: the gRPC
 * server, the stack (which releases its partition leases, so another replica takes them over at once), the
 * telemetry, and last the embedded PostgreSQL. The JVM halts as soon as its shutdown hooks return, whatever the main
 * thread is doing; without this, the main thread's closing raced the halt, and the embedded database's own hook
 * stopped PostgreSQL under the stack while it was still releasing its leases (warnings and stack traces at every
 * stop, and leases left to lapse). Open it first, so that it is closed last.
 */
final class OrderlyExit implements AutoCloseable {
    /** How long a stop waits for the closing; past it the JVM halts anyway (a stuck close must not hang the stop). */
    static final long WAIT_SECONDS = 60;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::awaitClosed, "orderly-exit");

    OrderlyExit() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void awaitClosed() {
        try {
            closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook is running and returns now
        }
    }
}

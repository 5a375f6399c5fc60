package org.bookworm.ordering.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.bookworm.ordering.adapter.postgres.RebuildProgress;
import org.jspecify.annotations.Nullable;

/**
 * How a rebuild shows its progress on stderr: a progress bar (events, rate, ETA; me.tongfei:progressbar) on a
 * terminal, plain lines at most once a second otherwise (a log, a CI job, a pipe).
 */
class RebuildReporter implements RebuildProgress, AutoCloseable {
    private static final long LINE_EVERY_NANOS = 1_000_000_000L;
    private final PrintWriter err;
    private final String name;
    private final boolean bar;
    private @Nullable ProgressBar progressBar;
    private long remaining;
    private long started;
    private long lastLine;
    private long replayed;

    RebuildReporter(PrintWriter err, String name, boolean bar) {
        this.err = err;
        this.name = name;
        this.bar = bar;
    }

    @Override
    public void started(boolean resumed, long remaining) {
        this.remaining = remaining;
        this.started = System.nanoTime();
        this.lastLine = started;
        err.printf("%s %s: %d events to replay%n", resumed ? "resuming the rebuild of" : "rebuilding", name, remaining);
        err.flush();
        if (bar) {
            progressBar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(Math.max(1, remaining))
                    .setUnit(" events", 1)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setConsumer(new DelegatingProgressBarConsumer(this::redraw, 100))
                    .build();
        }
    }

    @Override
    public void replayed(long events) {
        replayed = events;
        if (progressBar != null) {
            progressBar.stepTo(Math.min(events, progressBar.getMax()));
            return;
        }
        long now = System.nanoTime();
        if (now - lastLine >= LINE_EVERY_NANOS) {
            lastLine = now;
            line(now);
        }
    }

    private void line(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        long rate = (long) (replayed / seconds);
        long left = Math.max(0, remaining - replayed);
        err.printf(
                "%s: %d of %d events, %d events/s, about %ds left%n",
                name, replayed, remaining, rate, rate == 0 ? 0 : left / rate);
        err.flush();
    }

    private void redraw(String rendered) {
        err.print('\r');
        err.print(rendered);
        err.flush();
    }

    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
            err.println();
        } else if (replayed > 0) {
            line(System.nanoTime());
        }
        err.flush();
    }

    /** True when stderr is a terminal a person watches (JDK 22+ asks the console; JDK 21 has one only then). */
    static boolean onTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}

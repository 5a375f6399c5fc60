package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.ordering.OrderId;

/** The saga deadlines, counted as the poller claims them: each claimed deadline is one fired. */
final class ObservedDeadlines implements SagaDeadlines {
    private final SagaDeadlines deadlines;
    private final Meters meters;

    ObservedDeadlines(SagaDeadlines deadlines, Meters meters) {
        this.deadlines = deadlines;
        this.meters = meters;
    }

    @Override
    public void schedule(OrderId order, int step, Instant dueAt) {
        deadlines.schedule(order, step, dueAt);
    }

    @Override
    public List<Deadline> claimDue(Instant now, int limit) {
        List<Deadline> due = deadlines.claimDue(now, limit);
        if (!due.isEmpty()) {
            meters.counter(
                            "ordering.checkout.deadlines.fired",
                            "Saga deadlines that came due and were fired",
                            Tags.empty())
                    .increment(due.size());
        }
        return due;
    }

    @Override
    public void complete(OrderId order, int step) {
        deadlines.complete(order, step);
    }

    @Override
    public void completeAll(OrderId order) {
        deadlines.completeAll(order);
    }

    @Override
    public List<Deadline> pending() {
        return deadlines.pending();
    }
}

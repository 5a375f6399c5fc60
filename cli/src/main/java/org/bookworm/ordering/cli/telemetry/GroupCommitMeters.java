package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.bookworm.ordering.adapter.postgres.GroupCommitListener;

/**
 * The group committer's batches: appends per commit (not events: each append is one caller's, of 1 to 9 events) and
 * how long each commit took. A batch size stuck at 1 under load means callers are not sharing commits.
 */
final class GroupCommitMeters implements GroupCommitListener {
    private final DistributionSummary batchSize;
    private final Timer duration;

    GroupCommitMeters(MeterRegistry registry) {
        this.batchSize = DistributionSummary.builder("ordering.event_store.group_commit.batch_size")
                .description("Appends carried by one group commit (one round trip and one commit)")
                .baseUnit("appends")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        this.duration = Timer.builder("ordering.event_store.group_commit.duration")
                .description("Time of one group commit, from taking the batch to every caller's answer")
                .register(registry);
    }

    @Override
    public void committed(int appends, Duration took) {
        batchSize.record(appends);
        duration.record(took);
    }
}

package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;

/** The lines of {@link StreamTurns} without a database: who leaves them, and that none is kept for ever. */
class StreamTurnsTest {
    @Test
    void aLineWhoseWritersNeverAppendAgainIsForgottenOnceEveryTurnRanOut() throws InterruptedException {
        var turns = new StreamTurns(Duration.ofMillis(20));
        turns.refused(stream());
        assertThat(turns.contended()).isEqualTo(1);
        Thread.sleep(60);
        StreamId other = stream();
        turns.refused(other);
        assertThat(turns.contended())
                .as("the abandoned line is gone, the new one stays")
                .isEqualTo(1);
        turns.done(other);
        assertThat(turns.contended()).isZero();
    }

    @Test
    void aWriterThatAppendsLeavesItsLine() throws InterruptedException {
        var turns = new StreamTurns(Duration.ofSeconds(30));
        StreamId stream = stream();
        turns.refused(stream);
        turns.await(stream);
        turns.done(stream);
        assertThat(turns.contended()).isZero();
    }

    @Test
    void aTurnIsHeldForAPositiveTime() {
        assertThatThrownBy(() -> new StreamTurns(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    private static StreamId stream() {
        return EventStoreEssentialsIT.streamOf(new OrderId(UUID.randomUUID()));
    }
}

package org.bookworm.ordering.adapter.postgres;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The PostgreSQL adapter's own event codec under JMH: encoding and decoding (with the upcaster walk) of the events the
 * load driver writes. It lives in the adapter's package because the codec is package-private there; this module is
 * never shipped, so the split package stays on the benchmark class path only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmarks {
    private final EventCodec codec = EventCodec.standard();
    private final Metadata metadata = new Metadata("bench", List.of("system"), new UUID(7, 7), null, null);
    private DomainEvent placed = org.bookworm.ordering.benchmarks.BenchmarkEvents.placed();
    private DomainEvent modified = org.bookworm.ordering.benchmarks.BenchmarkEvents.modified();
    private EventCodec.Encoded encodedModified = new EventCodec.Encoded("none", 1, "{}");

    @Setup
    public void prepare() {
        placed = org.bookworm.ordering.benchmarks.BenchmarkEvents.placed();
        modified = org.bookworm.ordering.benchmarks.BenchmarkEvents.modified();
        encodedModified = codec.encode(modified);
    }

    @Benchmark
    public EventCodec.Encoded adapter_encode_order_placed() {
        return codec.encode(placed);
    }

    @Benchmark
    public EventCodec.Encoded adapter_encode_order_modified() {
        return codec.encode(modified);
    }

    @Benchmark
    public String adapter_encode_metadata() {
        return codec.write(metadata);
    }

    @Benchmark
    public DomainEvent adapter_decode_order_modified() {
        return codec.decode(encodedModified.type(), encodedModified.schemaVersion(), encodedModified.json());
    }
}

package org.bookworm.ordering.benchmarks;

import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;

/**
 * Open-loop load on the shipped server: ListOrders calls (a token check and a PostgreSQL read-model query each) sent
 * at a fixed rate whatever the server answers, as independent users do, so an overloaded server cannot slow the
 * offer down the way a closed loop of waiting clients would. The calls go round-robin over several connections and
 * many buyers (each with a token of their own), each with a deadline. Every answer is sorted by status; the latency
 * of the answered ones is recorded. {@link #capacity} first measures what the server sustains with a closed loop.
 */
final class OverloadLoad implements AutoCloseable {
    private static final int CHANNELS = 8;
    // 4 tokens per connection: they stay in HPACK's 4 KiB header table, as one client's token does
    private static final int BUYERS = 32;
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    // the streams the server runs at once on our connections (100 each): a call past them would wait in the driver,
    // which measures the driver, so it is counted as not sent instead
    private static final int MAX_OUTSTANDING = CHANNELS * 100;
    private static final long HIGHEST_MICROS = Duration.ofMinutes(1).toNanos() / 1_000;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<ClientInterceptor> tokens = new ArrayList<>();
    private final List<OrderingServiceGrpc.OrderingServiceStub> stubs = new ArrayList<>();

    /** One level of offered load and what came back. */
    record Outcome(
            double offeredPerSecond,
            double seconds,
            long sent,
            long ok,
            long exhausted,
            Map<String, Long> otherErrors,
            long notSent,
            Histogram admitted) {
        double goodput() {
            return ok / seconds;
        }

        long others() {
            return otherErrors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    OverloadLoad(int port, DevTokens devTokens) {
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                    .build());
        }
        for (int i = 0; i < BUYERS; i++) {
            tokens.add(ShopClient.bearer(devTokens.buyer(UUID.randomUUID())));
            stubs.add(OrderingServiceGrpc.newStub(channels.get(i % CHANNELS)).withInterceptors(tokens.get(i)));
        }
    }

    /** Calls a second the server answers OK to {@code clients} callers that each wait for their answer. */
    double capacity(int clients, Duration duration) throws InterruptedException {
        var ok = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        var threads = new ArrayList<Thread>();
        for (int client = 0; client < clients; client++) {
            var stub = OrderingServiceGrpc.newBlockingStub(channels.get(client % BUYERS % CHANNELS))
                    .withInterceptors(tokens.get(client % BUYERS));
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                                .listOrders(ListOrdersRequest.getDefaultInstance());
                        ok.increment();
                    } catch (io.grpc.StatusRuntimeException refused) {
                        LockSupport.parkNanos(1_000_000); // a refusal is not capacity; do not spin on it
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return ok.sum() / (duration.toNanos() / 1e9);
    }

    /** Offers {@code perSecond} calls a second for {@code duration}, then waits (bounded) for the last answers. */
    Outcome offer(double perSecond, Duration duration) throws InterruptedException {
        var recorder = new Recorder(HIGHEST_MICROS, 3);
        var ok = new LongAdder();
        var exhausted = new LongAdder();
        var others = new ConcurrentHashMap<String, LongAdder>();
        var outstanding = new AtomicLong();
        long notSent = 0;
        long sent = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * perSecond);
            for (; sent + notSent < due; ) {
                if (outstanding.get() >= MAX_OUTSTANDING) {
                    notSent++;
                    continue;
                }
                outstanding.incrementAndGet();
                call(stubs.get((int) ((sent + notSent) % BUYERS)), recorder, ok, exhausted, others, outstanding);
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
        long drain = System.nanoTime() + DEADLINE.plusSeconds(5).toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < drain) {
            Thread.sleep(10);
        }
        if (outstanding.get() > 0) {
            others.computeIfAbsent("NO_ANSWER", any -> new LongAdder()).add(outstanding.get());
        }
        var errors = new TreeMap<String, Long>();
        others.forEach((code, count) -> errors.put(code, count.sum()));
        return new Outcome(
                perSecond,
                duration.toNanos() / 1e9,
                sent,
                ok.sum(),
                exhausted.sum(),
                errors,
                notSent,
                recorder.getIntervalHistogram());
    }

    private static void call(
            OrderingServiceGrpc.OrderingServiceStub stub,
            Recorder recorder,
            LongAdder ok,
            LongAdder exhausted,
            Map<String, LongAdder> others,
            AtomicLong outstanding) {
        long before = System.nanoTime();
        stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .listOrders(ListOrdersRequest.getDefaultInstance(), new StreamObserver<ListOrdersResponse>() {
                    @Override
                    public void onNext(ListOrdersResponse response) {}

                    @Override
                    public void onError(Throwable failure) {
                        var code = Status.fromThrowable(failure).getCode();
                        if (code == Status.Code.RESOURCE_EXHAUSTED) {
                            exhausted.increment();
                        } else {
                            others.computeIfAbsent(code.name(), any -> new LongAdder())
                                    .increment();
                        }
                        outstanding.decrementAndGet();
                    }

                    @Override
                    public void onCompleted() {
                        recorder.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - before) / 1_000));
                        ok.increment();
                        outstanding.decrementAndGet();
                    }
                });
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }
}

package org.bookworm.ordering.adapter.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Admission control: at most {@code maxCalls} unary calls and {@code maxStreams} streams are in flight in the whole
 * server; one more is answered {@code RESOURCE_EXHAUSTED} with a {@code RetryInfo} at once, and is counted, never
 * logged. The decision is taken where grpc-java picks a call's executor, on the transport thread, so a refused call
 * never reaches the workers' queue: that queue can hold no more tasks than admitted calls (each call runs its tasks
 * one at a time), so it never rejects work. Rejected work was what turned overload into RST_STREAM, which tripped the
 * RST-flood guard and dropped whole connections (issue 11.3). Health checks bypass admission and are answered on the
 * transport thread: a load balancer must hear from a busy server that it is busy, not that it is dead.
 *
 * <p>Install both roles on one server: {@code callExecutor(admission)} and, as the outermost interceptor, {@code
 * intercept(admission)}. Without the first, every call is refused.
 */
final class Admission implements ServerCallExecutorSupplier, ServerInterceptor {
    private static final String HEALTH = HealthGrpc.SERVICE_NAME;

    private final int maxCalls;
    private final Semaphore calls;
    private final Semaphore streams;
    private final Executor workers;
    // the permit of each admitted call, from the executor choice to the interceptor (grpc-java hands both the same
    // call)
    private final ConcurrentHashMap<ServerCall<?, ?>, Semaphore> admitted = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    Admission(int maxCalls, int maxStreams, Executor workers) {
        if (maxCalls < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("admission needs room for at least 1 call and 1 stream");
        }
        this.maxCalls = maxCalls;
        this.calls = new Semaphore(maxCalls);
        this.streams = new Semaphore(maxStreams);
        this.workers = workers;
    }

    @Override
    public <Q, A> @Nullable Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
        if (isHealth(call)) {
            return null; // the transport thread: health answers from memory and never blocks
        }
        Semaphore permits = call.getMethodDescriptor().getType().serverSendsOneMessage() ? calls : streams;
        if (!permits.tryAcquire()) {
            return null; // refused by interceptCall, on the transport thread, without queueing anything
        }
        admitted.put(call, permits);
        return workers;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (isHealth(call)) {
            return next.startCall(call, headers);
        }
        Semaphore permits = admitted.remove(call);
        if (permits == null) {
            refused.increment();
            return Exhausted.refuse(
                    call, Exhausted.retryAfter("the server is at capacity: retry shortly", retryDelay()));
        }
        var release = new Release(permits);
        try {
            return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onComplete() {
                    release.run();
                    super.onComplete();
                }

                @Override
                public void onCancel() {
                    release.run();
                    super.onCancel();
                }
            };
        } catch (RuntimeException failed) {
            release.run();
            throw failed;
        }
    }

    /** Calls refused since the server started: the figure an operator (and a later metrics issue) reads. */
    long refused() {
        return refused.sum();
    }

    /** Unary calls admitted and not yet ended. */
    int callsInFlight() {
        return maxCalls - calls.availablePermits();
    }

    private static boolean isHealth(ServerCall<?, ?> call) {
        return HEALTH.equals(call.getMethodDescriptor().getServiceName());
    }

    /** 100 to 200 ms, spread so that refused clients do not all come back in the same instant. */
    private static Duration retryDelay() {
        return Duration.ofMillis(100 + ThreadLocalRandom.current().nextInt(100));
    }

    /** Gives a permit back exactly once, whichever of complete and cancel comes. */
    private static final class Release implements Runnable {
        private final Semaphore permits;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(Semaphore permits) {
            this.permits = permits;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }
}

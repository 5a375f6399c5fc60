package org.bookworm.ordering.adapter.grpc;

import io.github.bucket4j.Bucket;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-caller rate limit (Bucket4j, local buckets): {@code perSecond} calls per second with bursts up to the same
 * number, keyed by the token's subject, or by the peer address for anonymous calls. Past it: RESOURCE_EXHAUSTED with
 * the wait in the message. Runs after {@link AuthInterceptor}, which puts the caller in the context.
 */
final class RateLimitInterceptor implements ServerInterceptor {
    // a bound on remembered callers; past it the buckets start afresh rather than grow without limit
    private static final int MAX_CALLERS = 100_000;

    private final long perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitInterceptor(long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 call per second");
        }
        this.perSecond = perSecond;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        var probe = bucket(key(call)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()) + 1;
            return AuthInterceptor.refuse(
                    call, Status.RESOURCE_EXHAUSTED.withDescription("too many calls: retry in " + waitMillis + " ms"));
        }
        return next.startCall(call, headers);
    }

    private Bucket bucket(String key) {
        if (buckets.size() > MAX_CALLERS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(
                key,
                any -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                        .build());
    }

    private static String key(ServerCall<?, ?> call) {
        var caller = Callers.KEY.get();
        if (caller != null) {
            return "sub:" + caller.subject();
        }
        var peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        // the host, not host:port, so a client cannot dodge its limit by opening new connections
        return "peer:" + (peer instanceof InetSocketAddress inet ? inet.getHostString() : String.valueOf(peer));
    }
}

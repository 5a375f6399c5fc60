package org.bookworm.ordering.adapter.grpc;

import io.github.bucket4j.Bucket;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Rate limits ({@link RateLimits}, local Bucket4j buckets): one bucket per caller and {@link MethodGroup}, keyed by
 * the token's subject or, for anonymous calls, the peer's host, and one for the whole server. Past a limit:
 * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} that says when the bucket has a call again; nothing is
 * logged. Runs after {@link AuthInterceptor}, which puts the caller in the context.
 */
final class RateLimitInterceptor implements ServerInterceptor {
    // a bound on remembered callers; past it the buckets start afresh rather than grow without limit
    private static final int MAX_CALLERS = 100_000;

    private final RateLimits limits;
    private final Bucket server;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitInterceptor(RateLimits limits) {
        this.limits = limits;
        this.server = bucketOf(limits.server());
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        var access = AccessPolicy.of(call.getMethodDescriptor().getFullMethodName());
        if (access.isPresent() && access.get() == AccessPolicy.Access.SERVICE) {
            // the deployment's own processes: their load is bounded by the callers' own limits and lanes
            return next.startCall(call, headers);
        }
        var group = MethodGroup.of(call.getMethodDescriptor().getFullMethodName());
        StatusRuntimeException refusal = consume(bucket(key(call) + "|" + group.label(), group), group.label());
        if (refusal == null) {
            refusal = consume(server, RateLimits.SERVER);
        }
        return refusal == null ? next.startCall(call, headers) : Exhausted.refuse(call, refusal);
    }

    private static @Nullable StatusRuntimeException consume(Bucket bucket, String limit) {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        // rounded up: a client that waits exactly this long finds a call in the bucket
        var wait = Duration.ofMillis(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999) / 1_000_000));
        return Exhausted.retryAfter(
                "too many calls: retry in " + wait.toMillis() + " ms (the " + limit + " rate limit)", wait);
    }

    private Bucket bucket(String key, MethodGroup group) {
        if (buckets.size() > MAX_CALLERS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, any -> bucketOf(limits.perCaller().get(group)));
    }

    private static Bucket bucketOf(RateLimits.Limit limit) {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
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

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
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.jspecify.annotations.Nullable;

/**
 * Rate limits (Bucket4j, local buckets), each refilled every second with bursts up to the same number: per caller
 * {@code perSecond} calls, keyed by the token's subject or, for anonymous calls, the peer's host; per caller a tenth
 * of that (at least 1) for PlaceOrder, which starts a checkout; and for the whole server 100 times the per-caller
 * rate. Past a limit: RESOURCE_EXHAUSTED with the wait in the message. Runs after {@link AuthInterceptor}, which puts
 * the caller in the context.
 */
final class RateLimitInterceptor implements ServerInterceptor {
    // a bound on remembered callers; past it the buckets start afresh rather than grow without limit
    private static final int MAX_CALLERS = 100_000;
    private static final String CHECKOUT_METHOD =
            OrderingServiceGrpc.getPlaceOrderMethod().getFullMethodName();

    private final long perSecond;
    private final Bucket global;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitInterceptor(long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 call per second");
        }
        this.perSecond = perSecond;
        this.global = bucketOf(Math.multiplyExact(perSecond, 100));
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String key = key(call);
        Status refusal = consume(bucket(key, perSecond));
        if (refusal == null && call.getMethodDescriptor().getFullMethodName().equals(CHECKOUT_METHOD)) {
            refusal = consume(bucket(key + ":checkout", Math.max(1, perSecond / 10)));
        }
        if (refusal == null) {
            refusal = consume(global);
        }
        return refusal == null ? next.startCall(call, headers) : AuthInterceptor.refuse(call, refusal);
    }

    private static @Nullable Status consume(Bucket bucket) {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()) + 1;
        return Status.RESOURCE_EXHAUSTED.withDescription("too many calls: retry in " + waitMillis + " ms");
    }

    private Bucket bucket(String key, long rate) {
        if (buckets.size() > MAX_CALLERS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, any -> bucketOf(rate));
    }

    private static Bucket bucketOf(long rate) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
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

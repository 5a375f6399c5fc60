package org.bookworm.ordering.cli.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The server's outermost interceptor: {@code rpc.server.call.duration} of each call by service, method and status code
 * into Micrometer, refusals by rate limits included, and, when traces are on, the call's server span, current with
 * its ids in the log context on every callback of the call, so that the services' appends and logs join it.
 *
 * <p>The span is ours (issue 17, ADR 0040's second amendment): it continues the caller's W3C {@code traceparent}
 * header if it sends one, is named after the method ({@code bookworm.ordering.v1.OrderingService/PlaceOrder}), kind
 * SERVER, and asks the sampler first. Only a span the sampler keeps gets the RPC semantic conventions' attributes
 * ({@code rpc.system}, {@code rpc.service}, {@code rpc.method}, {@code rpc.grpc.status_code}, {@code server.address},
 * {@code network.peer.address}, {@code network.peer.port}) and an error status for a server error; a dropped one is
 * the SDK's non-recording span, a trace id and a span id for the events and the log lines and nothing else. Nothing
 * goes to OpenTelemetry's meters: the one RPC metric is Micrometer's. OpenTelemetry's gRPC instrumentation library
 * stays on the class path for its bridge of gRPC's context to OpenTelemetry's ({@code ContextStorageOverride}),
 * which carries the span into work a service hands to another thread.
 */
final class RpcTelemetry {
    /** The codes the RPC semantic conventions call a server's error: only these mark a server span as failed. */
    private static final Set<Status.Code> SERVER_ERRORS = EnumSet.of(
            Status.Code.UNKNOWN,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNIMPLEMENTED,
            Status.Code.INTERNAL,
            Status.Code.UNAVAILABLE,
            Status.Code.DATA_LOSS);

    static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");

    private RpcTelemetry() {}

    /** One interceptor: measuring, and tracing too when traces are on. */
    static List<ServerInterceptor> interceptors(Meters meters, OpenTelemetry openTelemetry) {
        if (openTelemetry == OpenTelemetry.noop()) {
            return List.of(new Calls(meters, null));
        }
        return List.of(new Calls(meters, new Spans(openTelemetry)));
    }

    /** What makes the server spans: the tracer and the propagator that reads the caller's context. */
    private static final class Spans {
        private final Tracer tracer;
        private final TextMapPropagator propagator;

        Spans(OpenTelemetry openTelemetry) {
            this.tracer = openTelemetry.getTracer("org.bookworm.ordering");
            this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        }

        /** The call's context: the caller's, with the server span current; the span records only when kept. */
        Context start(ServerCall<?, ?> call, Metadata headers, ByStatus method) {
            Context parent = propagator.extract(Context.current(), headers, Headers.GETTER);
            Span span = tracer.spanBuilder(call.getMethodDescriptor().getFullMethodName())
                    .setParent(parent)
                    .setSpanKind(SpanKind.SERVER)
                    .startSpan();
            if (span.isRecording()) {
                span.setAttribute(RPC_SYSTEM, "grpc");
                span.setAttribute(RPC_SERVICE, method.service);
                span.setAttribute(RPC_METHOD, method.method);
                described(span, call);
            }
            return parent.with(span);
        }

        private static void described(Span span, ServerCall<?, ?> call) {
            String authority = call.getAuthority();
            if (authority != null && !authority.isEmpty()) {
                int colon = authority.lastIndexOf(':');
                boolean port = colon > 0 && colon > authority.lastIndexOf(']');
                span.setAttribute(SERVER_ADDRESS, port ? authority.substring(0, colon) : authority);
                if (port) {
                    try {
                        span.setAttribute(SERVER_PORT, Long.parseLong(authority.substring(colon + 1)));
                    } catch (NumberFormatException notAPort) {
                        // an authority with no port of digits: the address alone
                    }
                }
            }
            if (call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof InetSocketAddress peer) {
                span.setAttribute(
                        PEER_ADDRESS,
                        peer.getAddress() == null
                                ? peer.getHostString()
                                : peer.getAddress().getHostAddress());
                span.setAttribute(PEER_PORT, (long) peer.getPort());
            }
        }
    }

    /** gRPC request headers as OpenTelemetry's propagator reads them; the key of each header name built once. */
    private enum Headers implements TextMapGetter<Metadata> {
        GETTER;

        private static final ConcurrentMap<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("deprecation") // still abstract in the interface: every getter must have it
        public Iterable<String> keys(Metadata carrier) {
            return carrier.keys();
        }

        @Override
        public @Nullable String get(@Nullable Metadata carrier, String key) {
            if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            Metadata.Key<String> header = KEYS.get(key);
            if (header == null) {
                header = KEYS.computeIfAbsent(key, name -> Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            }
            return carrier.get(header);
        }
    }

    /** {@code rpc.server.call.duration} of each call; the server span current, its ids in the log context. */
    static final class Calls implements ServerInterceptor {
        private final Meters.Family<Timer> durations;
        private final @Nullable Spans spans;
        private final ConcurrentMap<String, ByStatus> byMethod = new ConcurrentHashMap<>();

        Calls(Meters meters, @Nullable Spans spans) {
            this.spans = spans;
            this.durations = meters.timers(
                    "rpc.server.call.duration",
                    "Server calls (OpenTelemetry semantic conventions)",
                    "rpc.system",
                    "rpc.service",
                    "rpc.method",
                    "rpc.grpc.status_code");
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            var method = call.getMethodDescriptor();
            ByStatus timers = byMethod.get(method.getFullMethodName());
            if (timers == null) {
                timers = byMethod.computeIfAbsent(method.getFullMethodName(), full -> new ByStatus(durations, method));
            }
            if (spans == null) {
                var finish = new Finish(timers, null);
                return new Measured<>(next.startCall(new Closing<>(call, finish), headers), finish);
            }
            Context context = spans.start(call, headers, timers);
            Span span = Span.fromContext(context);
            var finish = new Finish(timers, span);
            var closing = new Closing<>(call, finish);
            ServerCall.Listener<Q> listener;
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                listener = next.startCall(closing, headers);
            } catch (RuntimeException | Error failed) {
                finish.failed(failed);
                throw failed;
            }
            return new Traced<>(listener, finish, context, span);
        }
    }

    /** The call as the services see it: its close ends the measurement (and the span) first. */
    private static final class Closing<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private final Finish finish;

        Closing(ServerCall<Q, R> call, Finish finish) {
            super(call);
            this.finish = finish;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finish.done(status);
            super.close(status, trailers);
        }
    }

    /** Untraced: only a cancellation ends the measurement, nothing to make current. */
    private static final class Measured<Q> extends SimpleForwardingServerCallListener<Q> {
        private final Finish finish;

        Measured(ServerCall.Listener<Q> delegate, Finish finish) {
            super(delegate);
            this.finish = finish;
        }

        @Override
        public void onCancel() {
            super.onCancel();
            finish.done(Status.CANCELLED);
        }
    }

    /**
     * Every callback of the call with its context current and the span's ids in the log context; a cancellation or
     * a callback that throws ends the measurement and the span. Each callback opens the contexts in place rather than
     * through a callback object: five callbacks a call, every call.
     */
    private static final class Traced<Q> extends SimpleForwardingServerCallListener<Q> {
        private final Finish finish;
        private final Context context;
        private final Span span;

        Traced(ServerCall.Listener<Q> delegate, Finish finish, Context context, Span span) {
            super(delegate);
            this.finish = finish;
            this.context = context;
            this.span = span;
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public void onMessage(Q message) {
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                super.onMessage(message);
            } catch (RuntimeException | Error failed) {
                finish.failed(failed);
                throw failed;
            }
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public void onHalfClose() {
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                super.onHalfClose();
            } catch (RuntimeException | Error failed) {
                finish.failed(failed);
                throw failed;
            }
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public void onCancel() {
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                super.onCancel();
            } finally {
                finish.done(Status.CANCELLED);
            }
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public void onComplete() {
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                super.onComplete();
            }
        }

        @Override
        @SuppressWarnings("try") // the contexts are only opened and closed
        public void onReady() {
            try (Scope current = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                super.onReady();
            }
        }
    }

    /**
     * The timers of one method, one per status code, each made on the code's first use and then read by the code's
     * ordinal: a call finds its timer with no key to build (the service and method names were computed once).
     */
    private static final class ByStatus {
        private final Meters.Family<Timer> durations;
        private final String service;
        private final String method;
        private final AtomicReferenceArray<Timer> byCode = new AtomicReferenceArray<>(Status.Code.values().length);

        ByStatus(Meters.Family<Timer> durations, MethodDescriptor<?, ?> descriptor) {
            this.durations = durations;
            this.service = descriptor.getServiceName() == null ? "" : descriptor.getServiceName();
            this.method = descriptor.getBareMethodName() == null
                    ? descriptor.getFullMethodName()
                    : descriptor.getBareMethodName();
        }

        Timer of(Status.Code code) {
            Timer timer = byCode.get(code.ordinal());
            if (timer == null) {
                // the family makes it once: a race here sets the same instance twice
                timer = durations.with("grpc", service, method, code.name());
                byCode.set(code.ordinal(), timer);
            }
            return timer;
        }
    }

    /** Records the duration, and ends the span, once: at close, at cancellation or at a callback's failure. */
    private static final class Finish {
        private final ByStatus timers;
        private final @Nullable Span span;
        private final long started = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();

        Finish(ByStatus timers, @Nullable Span span) {
            this.timers = timers;
            this.span = span;
        }

        void done(Status status) {
            if (done.compareAndSet(false, true)) {
                timers.of(status.getCode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                if (span != null) {
                    end(span, status);
                }
            }
        }

        /** A callback threw: gRPC answers UNKNOWN without closing the call through the interceptors. */
        void failed(Throwable thrown) {
            if (span != null && span.isRecording()) {
                span.recordException(thrown);
            }
            done(Status.UNKNOWN.withCause(thrown));
        }

        private static void end(Span span, Status status) {
            if (span.isRecording()) {
                span.setAttribute(RPC_STATUS, (long) status.getCode().value());
                if (SERVER_ERRORS.contains(status.getCode())) {
                    span.setStatus(StatusCode.ERROR, status.getDescription() == null ? "" : status.getDescription());
                }
            }
            span.end();
        }
    }
}

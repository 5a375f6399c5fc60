package org.bookworm.ordering.cli.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's outermost interceptors. The server span per call is OpenTelemetry's own gRPC instrumentation
 * ({@code opentelemetry-grpc-1.6}): it continues the caller's trace context, names the span after the method, sets
 * the RPC semantic-convention attributes and the status, and keeps the span current on every callback of the call (its
 * gRPC context bridge), so the services' appends and logs join it. Inside it, {@link Calls} records {@code
 * rpc.server.call.duration} by service, method and status code into Micrometer, refusals by rate limits included, and
 * puts the span's ids in the log context. The library's own RPC metrics go to OpenTelemetry's meter provider, which
 * exports nothing here (ADR 0033, update: Micrometer has the metrics).
 */
final class RpcTelemetry {
    private RpcTelemetry() {}

    /** The tracing interceptor then the measuring one when traces are on; the measuring one alone when they are off. */
    static List<ServerInterceptor> interceptors(Meters meters, OpenTelemetry openTelemetry) {
        if (openTelemetry == OpenTelemetry.noop()) {
            return List.of(new Calls(meters, false));
        }
        ServerInterceptor spans = GrpcTelemetry.builder(openTelemetry)
                // a unary call has one message each way: two span events per call would say nothing new
                .setEmitMessageEvents(false)
                .build()
                .createServerInterceptor();
        return List.of(spans, new Calls(meters, true));
    }

    /** {@code rpc.server.call.duration} of each call; the current span's ids in the log context of its callbacks. */
    static final class Calls implements ServerInterceptor {
        private final Meters.Family<Timer> durations;
        private final boolean traced;
        private final ConcurrentMap<String, ByStatus> byMethod = new ConcurrentHashMap<>();

        Calls(Meters meters, boolean traced) {
            this.traced = traced;
            this.durations = meters.timers(
                    "rpc.server.call.duration",
                    "Server calls (OpenTelemetry semantic conventions)",
                    "rpc.system",
                    "rpc.service",
                    "rpc.method",
                    "rpc.grpc.status_code");
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            var method = call.getMethodDescriptor();
            ByStatus timers = byMethod.get(method.getFullMethodName());
            if (timers == null) {
                timers = byMethod.computeIfAbsent(method.getFullMethodName(), full -> new ByStatus(durations, method));
            }
            var finish = new Finish(timers);
            var measured = new SimpleForwardingServerCall<Q, R>(call) {
                @Override
                public void close(Status status, Metadata trailers) {
                    finish.done(status);
                    super.close(status, trailers);
                }
            };
            return new Listened<>(started(() -> next.startCall(measured, headers)), finish);
        }

        @SuppressWarnings("try") // the log context is only opened and closed
        private <Q> ServerCall.Listener<Q> started(Supplier<ServerCall.Listener<Q>> start) {
            if (!traced) {
                return start.get();
            }
            try (LogContext logs = LogContext.of(Span.current())) {
                return start.get();
            }
        }

        /** The span's ids in the log context while a callback runs, when traced; nothing to undo otherwise. */
        private @Nullable LogContext logs() {
            return traced ? LogContext.of(Span.current()) : null;
        }

        /**
         * Every callback of the call with the span's ids in the log context; a cancellation ends the measurement. Each
         * callback opens the context in place rather than through a callback object: five callbacks a call, every call.
         */
        private final class Listened<Q> extends SimpleForwardingServerCallListener<Q> {
            private final Finish finish;

            Listened(ServerCall.Listener<Q> delegate, Finish finish) {
                super(delegate);
                this.finish = finish;
            }

            @Override
            @SuppressWarnings("try") // the log context is only opened and closed
            public void onMessage(Q message) {
                try (LogContext logs = logs()) {
                    super.onMessage(message);
                }
            }

            @Override
            @SuppressWarnings("try") // the log context is only opened and closed
            public void onHalfClose() {
                try (LogContext logs = logs()) {
                    super.onHalfClose();
                }
            }

            @Override
            @SuppressWarnings("try") // the log context is only opened and closed
            public void onCancel() {
                try (LogContext logs = logs()) {
                    super.onCancel();
                }
                finish.done(Status.CANCELLED);
            }

            @Override
            @SuppressWarnings("try") // the log context is only opened and closed
            public void onComplete() {
                try (LogContext logs = logs()) {
                    super.onComplete();
                }
            }

            @Override
            @SuppressWarnings("try") // the log context is only opened and closed
            public void onReady() {
                try (LogContext logs = logs()) {
                    super.onReady();
                }
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

    /** Records the duration once, at close or at cancellation, whichever comes first. */
    private static final class Finish {
        private final ByStatus timers;
        private final long started = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();

        Finish(ByStatus timers) {
            this.timers = timers;
        }

        void done(Status status) {
            if (done.compareAndSet(false, true)) {
                timers.of(status.getCode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }
}

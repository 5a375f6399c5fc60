package org.bookworm.ordering.cli.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
            String service = method.getServiceName() == null ? "" : method.getServiceName();
            String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
            var finish = new Finish(durations, service, name);
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

        @SuppressWarnings("try") // the log context is only opened and closed
        private void run(Runnable callback) {
            if (!traced) {
                callback.run();
                return;
            }
            try (LogContext logs = LogContext.of(Span.current())) {
                callback.run();
            }
        }

        /** Every callback of the call with the span's ids in the log context; a cancellation ends the measurement. */
        private final class Listened<Q> extends SimpleForwardingServerCallListener<Q> {
            private final Finish finish;

            Listened(ServerCall.Listener<Q> delegate, Finish finish) {
                super(delegate);
                this.finish = finish;
            }

            @Override
            public void onMessage(Q message) {
                run(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                run(super::onHalfClose);
            }

            @Override
            public void onCancel() {
                run(super::onCancel);
                finish.done(Status.CANCELLED);
            }

            @Override
            public void onComplete() {
                run(super::onComplete);
            }

            @Override
            public void onReady() {
                run(super::onReady);
            }
        }
    }

    /** Records the duration once, at close or at cancellation, whichever comes first. */
    private static final class Finish {
        private final Meters.Family<Timer> durations;
        private final String service;
        private final String method;
        private final long started = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();

        Finish(Meters.Family<Timer> durations, String service, String method) {
            this.durations = durations;
            this.service = service;
            this.method = method;
        }

        void done(Status status) {
            if (done.compareAndSet(false, true)) {
                durations
                        .with("grpc", service, method, status.getCode().name())
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }
}

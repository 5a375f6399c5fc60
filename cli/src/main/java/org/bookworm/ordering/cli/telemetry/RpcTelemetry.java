package org.bookworm.ordering.cli.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The outermost server interceptor: a server span per call (continuing the caller's W3C trace context when it sends
 * one), current on every callback of the call so the services' appends and logs join it, and {@code
 * rpc.server.call.duration} by service, method and status code, refusals by admission and rate limits included.
 */
final class RpcTelemetry implements ServerInterceptor {
    private static final TextMapGetter<Metadata> HEADERS = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // still abstract in the interface: every getter must have it
        public Iterable<String> keys(Metadata carrier) {
            return carrier.keys();
        }

        @Override
        public @Nullable String get(@Nullable Metadata carrier, String key) {
            return carrier == null ? null : carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    private final Tracer tracer;
    private final Meters.Family<Timer> calls;

    RpcTelemetry(Meters meters, Tracer tracer) {
        this.tracer = tracer;
        this.calls = meters.timers(
                "rpc.server.call.duration",
                "Server calls (OpenTelemetry semantic conventions)",
                "rpc.system",
                "rpc.service",
                "rpc.method",
                "rpc.grpc.status_code");
    }

    @Override
    @SuppressWarnings("try") // the scope and log context are only opened and closed
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        var method = call.getMethodDescriptor();
        String service = method.getServiceName() == null ? "" : method.getServiceName();
        String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
        Span span = tracer.spanBuilder(method.getFullMethodName())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute("rpc.system", "grpc")
                .setAttribute("rpc.service", service)
                .setAttribute("rpc.method", name)
                .startSpan();
        Context context = parent.with(span);
        var finish = new Finish(span, service, name);
        var measured = new SimpleForwardingServerCall<Q, R>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                finish.done(status);
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try (Scope scope = context.makeCurrent();
                LogContext logs = LogContext.of(span)) {
            listener = next.startCall(measured, headers);
        }
        return new InContext<>(listener, context, span, finish);
    }

    /** Ends the span and records the duration once, at close or at cancellation, whichever comes first. */
    private final class Finish {
        private final Span span;
        private final String service;
        private final String method;
        private final long started = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();

        Finish(Span span, String service, String method) {
            this.span = span;
            this.service = service;
            this.method = method;
        }

        void done(Status status) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            span.setAttribute("rpc.grpc.status_code", status.getCode().value());
            if (!status.isOk()) {
                span.setStatus(StatusCode.ERROR, status.getCode().name());
            }
            span.end();
            calls.with("grpc", service, method, status.getCode().name())
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Every callback of the call runs with its span current and its ids in the log context. */
    private static final class InContext<Q> extends SimpleForwardingServerCallListener<Q> {
        private final Context context;
        private final Span span;
        private final Finish finish;

        InContext(ServerCall.Listener<Q> delegate, Context context, Span span, Finish finish) {
            super(delegate);
            this.context = context;
            this.span = span;
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

        @SuppressWarnings("try") // the scope and log context are only opened and closed
        private void run(Runnable callback) {
            try (Scope scope = context.makeCurrent();
                    LogContext logs = LogContext.of(span)) {
                callback.run();
            }
        }
    }
}

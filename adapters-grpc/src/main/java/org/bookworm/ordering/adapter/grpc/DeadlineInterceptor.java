package org.bookworm.ordering.adapter.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every call ends: a call with no deadline, or one longer than the cap (unary and server-streaming calls have
 * separate caps), gets the cap. When it passes, the call's context is cancelled and the call closes with
 * DEADLINE_EXCEEDED; what the handler sends after that is dropped.
 */
final class DeadlineInterceptor implements ServerInterceptor {
    private final Duration unaryCap;
    private final Duration streamCap;
    private final ScheduledExecutorService scheduler;

    DeadlineInterceptor(Duration unaryCap, Duration streamCap, ScheduledExecutorService scheduler) {
        this.unaryCap = unaryCap;
        this.streamCap = streamCap;
        this.scheduler = scheduler;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        long capMillis =
                (call.getMethodDescriptor().getType().serverSendsOneMessage() ? unaryCap : streamCap).toMillis();
        var deadline = Context.current().getDeadline();
        if (deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= capMillis) {
            return next.startCall(call, headers);
        }
        var capped = new CappedCall<>(call);
        var context = Context.current().withDeadlineAfter(capMillis, TimeUnit.MILLISECONDS, scheduler);
        context.addListener(cancelled -> capped.expire(), Runnable::run);
        var listener = Contexts.interceptCall(context, capped, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                } finally {
                    capped.finished();
                    context.cancel(null);
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                } finally {
                    capped.finished();
                    context.cancel(null);
                }
            }
        };
    }

    /** Serialises the handler's sends with the timer's close, so a call is closed exactly once. */
    private static final class CappedCall<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private boolean closed;

        CappedCall(ServerCall<Q, A> call) {
            super(call);
        }

        synchronized void expire() {
            if (!closed) {
                closed = true;
                delegate()
                        .close(
                                Status.DEADLINE_EXCEEDED.withDescription("the server's deadline passed"),
                                new Metadata());
            }
        }

        /** The call ended by itself: the timer must not close it again. */
        synchronized void finished() {
            closed = true;
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(A message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }
}

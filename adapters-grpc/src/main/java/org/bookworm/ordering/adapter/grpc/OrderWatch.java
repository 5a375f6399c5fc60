package org.bookworm.ordering.adapter.grpc;

import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderResponse;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * WatchOrder: reads the order's own stream (not a read model, so no projection lag) every {@code pollMillis} and
 * sends each status change, ending the stream at a terminal status, on cancel or at the call's deadline.
 */
final class OrderWatch {
    private final OrderService orders;
    private final ScheduledExecutorService scheduler;
    private final long pollMillis;

    OrderWatch(OrderService orders, ScheduledExecutorService scheduler, long pollMillis) {
        this.orders = orders;
        this.scheduler = scheduler;
        this.pollMillis = pollMillis;
    }

    void watch(Caller caller, OrderId order, StreamObserver<WatchOrderResponse> responses) {
        var call = (ServerCallStreamObserver<WatchOrderResponse>) responses;
        var context = Context.current();
        var watcher = new Watcher(caller, order, call, context);
        synchronized (watcher) {
            watcher.task = scheduler.scheduleWithFixedDelay(watcher::poll, 0, pollMillis, TimeUnit.MILLISECONDS);
        }
        call.setOnCancelHandler(watcher::stop);
    }

    private final class Watcher {
        private final Caller caller;
        private final OrderId order;
        private final ServerCallStreamObserver<WatchOrderResponse> call;
        private final Context context;
        private @Nullable ScheduledFuture<?> task;
        private @Nullable OrderStatus last;
        private boolean done;

        Watcher(Caller caller, OrderId order, ServerCallStreamObserver<WatchOrderResponse> call, Context context) {
            this.caller = caller;
            this.order = order;
            this.call = call;
            this.context = context;
        }

        synchronized void poll() {
            if (done) {
                return;
            }
            if (context.isCancelled() || call.isCancelled()) {
                stop();
                return;
            }
            try {
                send(orders.load(caller, order));
            } catch (RuntimeException failure) {
                finish();
                call.onError(Errors.statusOf(failure).asRuntimeException());
            }
        }

        private void send(OrderService.Visible visible) {
            if (!(visible.state() instanceof OrderState.Existing existing)) {
                finish();
                call.onError(Errors.notFound("no order " + order));
                return;
            }
            if (existing.status() != last) {
                last = existing.status();
                call.onNext(WatchOrderResponse.newBuilder()
                        .setOrderId(order.toString())
                        .setStatus(Replies.status(existing.status()))
                        .setVersion(visible.version())
                        .build());
            }
            if (existing.status().isTerminal()) {
                finish();
                call.onCompleted();
            }
        }

        synchronized void stop() {
            finish();
        }

        private void finish() {
            done = true;
            if (task != null) {
                task.cancel(false);
            }
        }
    }
}

package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BasketCheckoutServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ClearCheckedOutRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetCheckoutBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.MarkCheckedOutRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseCheckoutRequest;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Basket's {@link BasketCheckouts} in another process, over {@code bookworm.internal.basket.v1.BasketCheckoutService}:
 * used by Ordering's checkout and basket clearing and Finance's saga when Basket does not run beside them (ADR 0031).
 * Every call has a deadline; UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and ABORTED are the port's transient
 * failure ({@link BasketStoreUnavailable}), INVALID_ARGUMENT an {@link IllegalArgumentException}. Passes {@code
 * BasketCheckoutsContract}.
 */
final class GrpcBasketCheckouts implements BasketCheckouts {
    private final BasketCheckoutServiceGrpc.BasketCheckoutServiceBlockingStub stub;
    private final Duration deadline;

    GrpcBasketCheckouts(Channel channel, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a basket call's deadline is positive, not " + deadline);
        }
        this.stub = BasketCheckoutServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    @Override
    public Basket get(BuyerId buyer) {
        return BasketCheckoutWire.fromWire(call(
                "get",
                baskets -> baskets.getCheckoutBasket(GetCheckoutBasketRequest.newBuilder()
                        .setBuyerId(buyer.toString())
                        .build())));
    }

    @Override
    public boolean markCheckedOut(BuyerId buyer, OrderId order) {
        return call(
                        "mark",
                        baskets -> baskets.markCheckedOut(MarkCheckedOutRequest.newBuilder()
                                .setBuyerId(buyer.toString())
                                .setOrderId(order.toString())
                                .build()))
                .getMarked();
    }

    @Override
    public void releaseCheckout(BuyerId buyer, OrderId order) {
        call(
                "release",
                baskets -> baskets.releaseCheckout(ReleaseCheckoutRequest.newBuilder()
                        .setBuyerId(buyer.toString())
                        .setOrderId(order.toString())
                        .build()));
    }

    @Override
    public Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        return BasketCheckoutWire.fromWire(call(
                "clear",
                baskets -> baskets.clearCheckedOut(ClearCheckedOutRequest.newBuilder()
                        .setBuyerId(buyer.toString())
                        .setOrderId(order.toString())
                        .addAllCheckedOut(BasketCheckoutWire.lines(checkedOut))
                        .build())));
    }

    private <T> T call(String what, Function<BasketCheckoutServiceGrpc.BasketCheckoutServiceBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException failed) {
            throw RemoteFailures.of("Basket's checkout baskets (" + what + ")", failed, BasketStoreUnavailable::new);
        }
    }
}

package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BasketCheckoutServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.CheckoutBasket;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ClearCheckedOutRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetCheckoutBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.MarkCheckedOutRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.MarkCheckedOutResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseCheckoutRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseCheckoutResponse;
import org.bookworm.ordering.core.basket.BasketCheckouts;

/**
 * Basket's {@link BasketCheckouts} for the deployment's other processes ({@code bookworm.internal.basket.v1}, ADR
 * 0031): each RPC is one call of the port; a bad id is INVALID_ARGUMENT, baskets that cannot be reached UNAVAILABLE.
 */
final class InternalBasketCheckoutGrpcService extends BasketCheckoutServiceGrpc.BasketCheckoutServiceImplBase {
    private final BasketCheckouts baskets;

    InternalBasketCheckoutGrpcService(BasketCheckouts baskets) {
        this.baskets = baskets;
    }

    @Override
    public void getCheckoutBasket(GetCheckoutBasketRequest request, StreamObserver<CheckoutBasket> responses) {
        Unary.respond(responses, () -> BasketCheckoutWire.toWire(baskets.get(Wire.buyerId(request.getBuyerId()))));
    }

    @Override
    public void markCheckedOut(MarkCheckedOutRequest request, StreamObserver<MarkCheckedOutResponse> responses) {
        Unary.respond(
                responses,
                () -> MarkCheckedOutResponse.newBuilder()
                        .setMarked(baskets.markCheckedOut(
                                Wire.buyerId(request.getBuyerId()), Wire.orderId(request.getOrderId())))
                        .build());
    }

    @Override
    public void releaseCheckout(ReleaseCheckoutRequest request, StreamObserver<ReleaseCheckoutResponse> responses) {
        Unary.respond(responses, () -> {
            baskets.releaseCheckout(Wire.buyerId(request.getBuyerId()), Wire.orderId(request.getOrderId()));
            return ReleaseCheckoutResponse.getDefaultInstance();
        });
    }

    @Override
    public void clearCheckedOut(ClearCheckedOutRequest request, StreamObserver<CheckoutBasket> responses) {
        Unary.respond(
                responses,
                () -> BasketCheckoutWire.toWire(baskets.clearCheckedOut(
                        Wire.buyerId(request.getBuyerId()),
                        Wire.orderId(request.getOrderId()),
                        BasketCheckoutWire.items(request.getCheckedOutList()))));
    }
}

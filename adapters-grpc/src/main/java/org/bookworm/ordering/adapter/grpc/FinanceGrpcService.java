package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.Checkout;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.CheckoutStage;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.FinanceServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutHistoryResponse;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutResponse;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetPaymentRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetPaymentResponse;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.Payment;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.CheckoutState;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.finance.PaymentState;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;

/**
 * bookworm.finance.v1.FinanceService: reads of an order's checkout saga and payment. The order must be one the caller
 * may see ({@link OrderService#load}); otherwise NOT_FOUND, like any other unknown order.
 */
final class FinanceGrpcService extends FinanceServiceGrpc.FinanceServiceImplBase {
    private final OrderService orders;
    private final CheckoutSagaService sagas;
    private final PaymentService payments;
    private final EventStore events;

    FinanceGrpcService(OrderService orders, CheckoutSagaService sagas, PaymentService payments, EventStore events) {
        this.orders = orders;
        this.sagas = sagas;
        this.payments = payments;
        this.events = events;
    }

    @Override
    public void getCheckout(GetCheckoutRequest request, StreamObserver<GetCheckoutResponse> responses) {
        Unary.respond(responses, () -> {
            var order = visible(request.getOrderId());
            var checkout = checkout(order, sagas.load(order));
            return GetCheckoutResponse.newBuilder().setCheckout(checkout).build();
        });
    }

    @Override
    public void getCheckoutHistory(
            GetCheckoutHistoryRequest request, StreamObserver<GetCheckoutHistoryResponse> responses) {
        Unary.respond(responses, () -> {
            var order = visible(request.getOrderId());
            var reply = GetCheckoutHistoryResponse.newBuilder();
            events.load(CheckoutSagaService.stream(order))
                    .events()
                    .forEach(event -> reply.addEvents(Replies.checkoutHistoryEntry(event)));
            return reply.build();
        });
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<GetPaymentResponse> responses) {
        Unary.respond(responses, () -> {
            var order = visible(request.getOrderId());
            if (!(payments.load(order) instanceof PaymentState.Active payment)) {
                throw Errors.notFound("order " + order + " has no payment yet");
            }
            return GetPaymentResponse.newBuilder()
                    .setPayment(Payment.newBuilder()
                            .setOrderId(order.toString())
                            .setAuthorized(Replies.money(payment.authorized()))
                            .setCaptured(Replies.money(payment.captured()))
                            .setVoided(Replies.money(payment.voided()))
                            .setRefunded(Replies.money(payment.refunded()))
                            .setClosed(payment.closed()))
                    .build();
        });
    }

    private OrderId visible(String text) {
        var order = Wire.orderId(text);
        if (!(orders.load(Callers.current(), order).state() instanceof OrderState.Existing)) {
            throw Errors.notFound("no order " + order);
        }
        return order;
    }

    private static Checkout checkout(OrderId order, CheckoutState state) {
        var checkout = Checkout.newBuilder().setOrderId(order.toString());
        switch (state) {
            case CheckoutState.None none -> throw Errors.notFound("order " + order + " has no checkout");
            case CheckoutState.Requested requested -> checkout.setStage(CheckoutStage.CHECKOUT_STAGE_REQUESTED);
            case CheckoutState.Abandoned abandoned -> checkout.setStage(CheckoutStage.CHECKOUT_STAGE_ABANDONED);
            case CheckoutState.Reserving reserving ->
                checkout.setStage(CheckoutStage.CHECKOUT_STAGE_RESERVING)
                        .setAttempt(reserving.attempt())
                        .setTotal(Replies.money(reserving.facts().total()));
            case CheckoutState.Authorizing authorizing ->
                checkout.setStage(CheckoutStage.CHECKOUT_STAGE_AUTHORIZING)
                        .setAttempt(authorizing.attempt())
                        .setTotal(Replies.money(authorizing.facts().total()));
            case CheckoutState.Confirmed confirmed ->
                checkout.setStage(CheckoutStage.CHECKOUT_STAGE_CONFIRMED)
                        .setTotal(Replies.money(confirmed.facts().total()))
                        .setCaptured(Replies.money(confirmed.captured()));
            case CheckoutState.Failed failed ->
                checkout.setStage(CheckoutStage.CHECKOUT_STAGE_FAILED)
                        .setFailureReason(failed.reason().name());
            case CheckoutState.Cancelled cancelled -> checkout.setStage(CheckoutStage.CHECKOUT_STAGE_CANCELLED);
            case CheckoutState.Completed completed -> checkout.setStage(CheckoutStage.CHECKOUT_STAGE_COMPLETED);
        }
        return checkout.build();
    }
}

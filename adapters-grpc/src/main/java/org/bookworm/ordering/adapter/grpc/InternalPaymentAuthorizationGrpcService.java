package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.Approved;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.AuthorizeRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.AuthorizeResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.Declined;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.PaymentAuthorizationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.TimedOut;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentService.Authorization;

/**
 * Finance's {@link PaymentAuthorizations} for the deployment's other processes ({@code bookworm.internal}, ADR 0031).
 */
final class InternalPaymentAuthorizationGrpcService
        extends PaymentAuthorizationServiceGrpc.PaymentAuthorizationServiceImplBase {
    private final PaymentAuthorizations payments;

    InternalPaymentAuthorizationGrpcService(PaymentAuthorizations payments) {
        this.payments = payments;
    }

    @Override
    public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> responses) {
        Unary.respond(
                responses,
                () -> answer(payments.authorize(
                        Wire.orderId(request.getOrderId()),
                        step(request.getStep()),
                        Wire.paymentMethod(request.getPaymentMethodToken()),
                        amount(request))));
    }

    private static String step(String step) {
        if (step.isBlank()) {
            throw new IllegalArgumentException("an authorization names its step");
        }
        return step;
    }

    private static org.bookworm.ordering.core.common.Money amount(AuthorizeRequest request) {
        if (!request.hasAmount()) {
            throw new IllegalArgumentException("an authorization names its amount");
        }
        return Wire.money(request.getAmount());
    }

    private static AuthorizeResponse answer(Authorization authorization) {
        var answer = AuthorizeResponse.newBuilder();
        switch (authorization) {
            case Authorization.Approved approved -> answer.setApproved(Approved.getDefaultInstance());
            case Authorization.Declined declined ->
                answer.setDeclined(Declined.newBuilder().setReason(declined.reason()));
            case Authorization.TimedOut timedOut -> answer.setTimedOut(TimedOut.getDefaultInstance());
        }
        return answer.build();
    }
}

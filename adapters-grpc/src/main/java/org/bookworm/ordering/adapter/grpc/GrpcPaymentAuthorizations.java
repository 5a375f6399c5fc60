package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.AuthorizeRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.AuthorizeResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.PaymentAuthorizationServiceGrpc;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentService.Authorization;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Finance's {@link PaymentAuthorizations} in another process, over {@code
 * bookworm.internal.finance.v1.PaymentAuthorizationService}: Ordering's modifications authorize a higher total here
 * when Finance does not run beside it (ADR 0031), so the payment provider's credentials stay in Finance's processes.
 * Every call has a deadline; UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and ABORTED are a transient {@link
 * StoreUnavailable}, as the event store's outage is in Finance's own process (a second call for the same order and step
 * authorizes nothing new). Passes {@code PaymentAuthorizationsContract}.
 */
final class GrpcPaymentAuthorizations implements PaymentAuthorizations {
    private final PaymentAuthorizationServiceGrpc.PaymentAuthorizationServiceBlockingStub stub;
    private final Duration deadline;

    GrpcPaymentAuthorizations(Channel channel, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a payment authorization's deadline is positive, not " + deadline);
        }
        this.stub = PaymentAuthorizationServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    @Override
    public Authorization authorize(OrderId order, String step, PaymentMethod method, Money amount) {
        var request = AuthorizeRequest.newBuilder()
                .setOrderId(order.value().toString())
                .setStep(step)
                .setPaymentMethodToken(method.token())
                .setAmount(Replies.money(amount))
                .build();
        try {
            return answer(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .authorize(request));
        } catch (StatusRuntimeException failed) {
            throw RemoteFailures.of("Finance's payment authorizations", failed, StoreUnavailable::new);
        }
    }

    private static Authorization answer(AuthorizeResponse response) {
        return switch (response.getAnswerCase()) {
            case APPROVED -> new Authorization.Approved();
            case DECLINED -> new Authorization.Declined(response.getDeclined().getReason());
            case TIMED_OUT -> new Authorization.TimedOut();
            case ANSWER_NOT_SET ->
                throw new IllegalStateException("Finance's payment authorizations answered without an answer");
        };
    }
}

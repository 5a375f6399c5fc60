package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.usd;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import com.google.protobuf.Duration;
import io.grpc.Status.Code;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.CheckoutHistoryEntry;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.CheckoutStage;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetPaymentRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.Email;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.EmailStatus;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class FinanceAndNotificationTest {
    private final ApiFixture api = new ApiFixture();
    private final String adaToken = api.tokens.user(api.newBuyer());
    private final String bobToken = api.tokens.user(api.newBuyer());
    private final String adminToken = api.tokens.admin(UUID.randomUUID());
    private final String order = confirmedOrder();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_confirmed_orders_checkout_payment_and_history_are_readable_by_its_buyer() {
        var checkout = api.finance(adaToken)
                .getCheckout(GetCheckoutRequest.newBuilder().setOrderId(order).build())
                .getCheckout();
        assertThat(checkout.getStage()).isEqualTo(CheckoutStage.CHECKOUT_STAGE_CONFIRMED);
        assertThat(checkout.getTotal()).isEqualTo(usd(25, 0));

        var payment = api.finance(adaToken)
                .getPayment(GetPaymentRequest.newBuilder().setOrderId(order).build())
                .getPayment();
        assertThat(payment.getAuthorized()).isEqualTo(usd(25, 0));
        assertThat(payment.getCaptured()).isEqualTo(usd(0, 0));

        var history = api.finance(adaToken)
                .getCheckoutHistory(
                        GetCheckoutHistoryRequest.newBuilder().setOrderId(order).build())
                .getEventsList();
        assertThat(history).extracting(CheckoutHistoryEntry::getVersion).startsWith(1L, 2L);
    }

    @Test
    void the_confirmation_email_is_listed_and_admins_resend_and_clean_up() {
        var emails = api.notifications(adaToken)
                .listOrderEmails(
                        ListOrderEmailsRequest.newBuilder().setOrderId(order).build())
                .getEmailsList();
        assertThat(emails).extracting(Email::getKind).containsExactly("CONFIRMED");
        assertThat(emails.get(0).getStatus()).isEqualTo(EmailStatus.EMAIL_STATUS_SENT);
        assertThat(emails.get(0).getRecipient()).isEqualTo("ada@example.com");

        var resend = ResendFailedEmailsRequest.newBuilder().setRequestId("x-1").build();
        assertCode(Code.PERMISSION_DENIED, () -> api.notifications(adaToken).resendFailedEmails(resend));
        assertThat(api.notifications(adminToken).resendFailedEmails(resend).getRequeued())
                .isZero();

        var tooSoon = CleanUpSentEmailsRequest.newBuilder()
                .setSentBeforeAge(Duration.newBuilder().setSeconds(60))
                .build();
        assertCode(Code.INVALID_ARGUMENT, () -> api.notifications(adminToken).cleanUpSentEmails(tooSoon));
        var hourly = CleanUpSentEmailsRequest.newBuilder()
                .setSentBeforeAge(Duration.newBuilder().setSeconds(3600))
                .build();
        assertThat(api.notifications(adminToken).cleanUpSentEmails(hourly).getDeleted())
                .isZero();
    }

    @Test
    void another_buyers_order_is_not_found_in_finance_and_notification() {
        assertCode(
                Code.NOT_FOUND,
                () -> api.finance(bobToken)
                        .getCheckout(GetCheckoutRequest.newBuilder()
                                .setOrderId(order)
                                .build()));
        assertCode(
                Code.NOT_FOUND,
                () -> api.finance(bobToken)
                        .getPayment(
                                GetPaymentRequest.newBuilder().setOrderId(order).build()));
        assertCode(
                Code.NOT_FOUND,
                () -> api.finance(bobToken)
                        .getCheckoutHistory(GetCheckoutHistoryRequest.newBuilder()
                                .setOrderId(order)
                                .build()));
        assertCode(
                Code.NOT_FOUND,
                () -> api.notifications(bobToken)
                        .listOrderEmails(ListOrderEmailsRequest.newBuilder()
                                .setOrderId(order)
                                .build()));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.finance(adaToken).getCheckout(GetCheckoutRequest.getDefaultInstance()));
    }

    private String confirmedOrder() {
        api.baskets(adaToken).addItem(BasketServiceTest.add(DUNE, 2));
        String placed = api.orders(adaToken)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId("r-1")
                        .setPaymentMethodToken("tok_approve")
                        .build())
                .getOrderId();
        api.checkout();
        return placed;
    }
}

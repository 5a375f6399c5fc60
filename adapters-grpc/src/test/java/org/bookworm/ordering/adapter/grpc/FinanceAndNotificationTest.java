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

        var withinTheRetention = CleanUpSentEmailsRequest.newBuilder()
                .setRequestId("c-1")
                .setSentBeforeAge(Duration.newBuilder().setSeconds(3600))
                .build();
        var status = assertCode(
                Code.INVALID_ARGUMENT, () -> api.notifications(adminToken).cleanUpSentEmails(withinTheRetention));
        assertThat(status.getDescription()).contains("retention");
        var weekly = CleanUpSentEmailsRequest.newBuilder()
                .setRequestId("c-2")
                .setSentBeforeAge(Duration.newBuilder().setSeconds(7 * 24 * 3600))
                .build();
        assertThat(api.notifications(adminToken).cleanUpSentEmails(weekly).getDeleted())
                .isZero();
    }

    @Test
    void resend_requeues_a_failed_email_and_the_next_round_sends_it_with_the_attempt_counted() {
        var failedOrder = orderWhoseEmailFails();
        var failed = emailOf(failedOrder);
        assertThat(failed.getStatus()).isEqualTo(EmailStatus.EMAIL_STATUS_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(1);
        api.bookworm.mailer.failWith(null);

        var resend =
                ResendFailedEmailsRequest.newBuilder().setRequestId("resend-1").build();
        assertThat(api.notifications(adminToken).resendFailedEmails(resend).getRequeued())
                .isEqualTo(1);
        api.checkout();

        var sent = emailOf(failedOrder);
        assertThat(sent.getStatus()).isEqualTo(EmailStatus.EMAIL_STATUS_SENT);
        assertThat(sent.getAttempts()).isEqualTo(2);
        assertThat(api.notifications(adminToken).resendFailedEmails(resend).getRequeued())
                .as("the same request id answers the first count")
                .isEqualTo(1);
        assertThat(emailOf(failedOrder).getStatus()).isEqualTo(EmailStatus.EMAIL_STATUS_SENT);
    }

    @Test
    void resend_of_named_emails_requeues_only_those() {
        var failedOrder = orderWhoseEmailFails();
        api.bookworm.mailer.failWith(null);
        var named = ResendFailedEmailsRequest.newBuilder()
                .setRequestId("resend-1")
                .addEmailIds(UUID.randomUUID().toString())
                .build();

        assertThat(api.notifications(adminToken).resendFailedEmails(named).getRequeued())
                .isZero();
        var theFailedOne = named.toBuilder()
                .setRequestId("resend-2")
                .addEmailIds(emailOf(failedOrder).getEmailId())
                .build();
        assertThat(api.notifications(adminToken)
                        .resendFailedEmails(theFailedOne)
                        .getRequeued())
                .isEqualTo(1);
    }

    @Test
    void resend_and_clean_up_require_a_request_id_and_well_formed_input() {
        var noId = ResendFailedEmailsRequest.getDefaultInstance();
        assertThat(assertCode(
                                Code.INVALID_ARGUMENT,
                                () -> api.notifications(adminToken).resendFailedEmails(noId))
                        .getDescription())
                .startsWith("request_id is required");
        var badId = ResendFailedEmailsRequest.newBuilder()
                .setRequestId("r-1")
                .addEmailIds("not-a-uuid")
                .build();
        assertCode(Code.INVALID_ARGUMENT, () -> api.notifications(adminToken).resendFailedEmails(badId));
        var cleanUpNoId = CleanUpSentEmailsRequest.newBuilder()
                .setSentBeforeAge(Duration.newBuilder().setSeconds(30L * 24 * 3600))
                .build();
        assertCode(Code.INVALID_ARGUMENT, () -> api.notifications(adminToken).cleanUpSentEmails(cleanUpNoId));
        var noAge = CleanUpSentEmailsRequest.newBuilder().setRequestId("c-1").build();
        assertCode(Code.INVALID_ARGUMENT, () -> api.notifications(adminToken).cleanUpSentEmails(noAge));
    }

    private String orderWhoseEmailFails() {
        api.bookworm.mailer.failWith(org.bookworm.ordering.core.notification.Mailer.MailFailed.Kind.PERMANENT);
        String bobsOrder = placeOrder(bobToken);
        api.checkout();
        return bobsOrder;
    }

    private Email emailOf(String anOrder) {
        return api.notifications(adminToken)
                .listOrderEmails(
                        ListOrderEmailsRequest.newBuilder().setOrderId(anOrder).build())
                .getEmails(0);
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
        String placed = placeOrder(adaToken);
        api.checkout();
        return placed;
    }

    private String placeOrder(String token) {
        api.baskets(token).addItem(BasketServiceTest.add(DUNE, 2));
        return api.orders(token)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId("r-1")
                        .setPaymentMethodToken("tok_approve")
                        .build())
                .getOrderId();
    }
}

package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.address;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.EmailStatus;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Buyer;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class BuyerServiceTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID grace = UUID.randomUUID();
    private final String graceToken = api.tokens.user(grace);
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_user_creates_reads_and_updates_their_own_profile() {
        var created = api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com"));
        assertThat(created.getBuyerId()).isEqualTo(grace.toString());

        api.buyers(graceToken)
                .updateBuyerAddress(UpdateBuyerAddressRequest.newBuilder()
                        .setAddress(address("9 Navy Rd", "Arlington", "VA"))
                        .build());
        Buyer buyer = api.buyers(graceToken)
                .getBuyer(GetBuyerRequest.getDefaultInstance())
                .getBuyer();
        assertThat(buyer.getName()).isEqualTo("Grace Hopper");
        assertThat(buyer.getAddress().getCity()).isEqualTo("Arlington");
        assertThat(api.buyers(graceToken)
                        .getBuyer(GetBuyerRequest.newBuilder()
                                .setBuyerId(grace.toString())
                                .build())
                        .getBuyer())
                .isEqualTo(buyer);
    }

    @Test
    void a_second_profile_already_exists() {
        api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com"));
        assertCode(
                Code.ALREADY_EXISTS,
                () -> api.buyers(graceToken)
                        .createBuyer(create("Grace Hopper", "grace@example.com").toBuilder()
                                .setRequestId("b-2")
                                .build()));
    }

    @Test
    void a_profile_takes_name_and_email_from_the_token_when_the_request_leaves_them_out() {
        String token = api.tokens.userWith(
                grace, claims -> claims.claim("name", "Grace Hopper").claim("email", "grace@navy.example"));

        api.buyers(token).createBuyer(onlyAddress("b-1"));

        Buyer buyer =
                api.buyers(token).getBuyer(GetBuyerRequest.getDefaultInstance()).getBuyer();
        assertThat(buyer.getName()).isEqualTo("Grace Hopper");
        assertThat(buyer.getEmail()).isEqualTo("grace@navy.example");
    }

    @Test
    void a_buyer_with_no_name_or_email_anywhere_is_anonymous_without_an_address_and_orders_work() {
        api.buyers(graceToken).createBuyer(onlyAddress("b-1"));
        api.ordering.drain();
        Buyer buyer = api.buyers(graceToken)
                .getBuyer(GetBuyerRequest.getDefaultInstance())
                .getBuyer();
        assertThat(buyer.getName()).isEqualTo("anonymous");
        assertThat(buyer.getEmail()).isEmpty();

        api.baskets(graceToken).addItem(BasketServiceTest.add(ApiFixture.DUNE, 1));
        String order = api.orders(graceToken)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId("o-1")
                        .setPaymentMethodToken("tok_approve")
                        .build())
                .getOrderId();
        api.checkout();

        var placed = api.orders(graceToken)
                .getOrder(GetOrderRequest.newBuilder().setOrderId(order).build())
                .getOrder();
        assertThat(placed.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CONFIRMED);
        assertThat(placed.getBuyerEmail()).isEmpty();
        var emails = api.notifications(graceToken)
                .listOrderEmails(
                        ListOrderEmailsRequest.newBuilder().setOrderId(order).build())
                .getEmailsList();
        assertThat(emails).singleElement().satisfies(email -> {
            assertThat(email.getStatus()).isEqualTo(EmailStatus.EMAIL_STATUS_UNSENDABLE);
            assertThat(email.getRecipient()).isEmpty();
            assertThat(email.getAttempts()).isZero();
        });
        assertThat(api.bookworm.mailer.attempts()).isZero();
    }

    @Test
    void an_unusable_email_claim_is_refused_naming_the_claim() {
        String token = api.tokens.userWith(grace, claims -> claims.claim("email", "not an address"));

        var status = assertCode(Code.INVALID_ARGUMENT, () -> api.buyers(token).createBuyer(onlyAddress("b-1")));
        assertThat(status.getDescription()).contains("the token's email claim cannot be used");
        assertThat(api.allEvents()).isEmpty();
    }

    @Test
    void create_buyer_requires_a_request_id() {
        var status = assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.buyers(graceToken)
                        .createBuyer(create("Grace Hopper", "grace@example.com").toBuilder()
                                .clearRequestId()
                                .build()));
        assertThat(status.getDescription()).startsWith("request_id is required");
        assertThat(api.allEvents()).isEmpty();
    }

    @Test
    void create_buyer_repeated_with_its_request_id_answers_the_first_outcome_also_when_racing() throws Exception {
        var first = api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com"));
        assertThat(api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com")))
                .isEqualTo(first);
        assertCode(
                Code.FAILED_PRECONDITION,
                () -> api.buyers(graceToken).createBuyer(create("Grace Hopper", "other@example.com")));

        UUID racer = UUID.randomUUID();
        String racerToken = api.tokens.user(racer);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<CreateBuyerResponse>>();
            for (int call = 0; call < 8; call++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.buyers(racerToken).createBuyer(create("Racer", "racer@example.com"));
                }));
            }
            start.countDown();
            var responses = new ArrayList<CreateBuyerResponse>();
            for (var answer : answers) {
                responses.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertThat(responses).hasSize(8).allMatch(response -> response.getVersion() == 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.ordering
                        .events
                        .load(org.bookworm.ordering.core.ordering.BuyerService.stream(
                                new org.bookworm.ordering.core.common.BuyerId(racer)))
                        .events())
                .hasSize(1);
    }

    @Test
    void update_address_and_delete_repeated_change_nothing_and_answer_the_same() {
        api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com"));
        var move = UpdateBuyerAddressRequest.newBuilder()
                .setAddress(address("9 Navy Rd", "Arlington", "VA"))
                .build();
        var moved = api.buyers(graceToken).updateBuyerAddress(move);
        assertThat(api.buyers(graceToken).updateBuyerAddress(move)).isEqualTo(moved);

        var delete =
                DeleteBuyerRequest.newBuilder().setBuyerId(grace.toString()).build();
        var deleted = api.buyers(adminToken).deleteBuyer(delete);
        assertThat(api.buyers(adminToken).deleteBuyer(delete)).isEqualTo(deleted);
        assertThat(deleted.getVersion()).isEqualTo(3);
    }

    @Test
    void an_admin_is_told_which_buyer_is_missing() {
        UUID nobody = UUID.randomUUID();
        var delete =
                DeleteBuyerRequest.newBuilder().setBuyerId(nobody.toString()).build();

        var status = assertCode(Code.NOT_FOUND, () -> api.buyers(adminToken).deleteBuyer(delete));
        assertThat(status.getDescription()).isEqualTo("no buyer " + nobody);
        var get = GetBuyerRequest.newBuilder().setBuyerId(nobody.toString()).build();
        assertThat(assertCode(Code.NOT_FOUND, () -> api.buyers(adminToken).getBuyer(get))
                        .getDescription())
                .isEqualTo("no buyer " + nobody);
        assertThat(assertCode(
                                Code.NOT_FOUND,
                                () -> api.buyers(graceToken).getBuyer(GetBuyerRequest.getDefaultInstance()))
                        .getDescription())
                .isEqualTo("no buyer profile: create one first");
    }

    @Test
    void a_missing_or_foreign_profile_is_not_found() {
        assertCode(Code.NOT_FOUND, () -> api.buyers(graceToken).getBuyer(GetBuyerRequest.getDefaultInstance()));
        UUID other = api.newBuyer();
        var foreign = GetBuyerRequest.newBuilder().setBuyerId(other.toString()).build();
        assertCode(Code.NOT_FOUND, () -> api.buyers(graceToken).getBuyer(foreign));
        assertCode(
                Code.NOT_FOUND,
                () -> api.buyers(graceToken)
                        .updateBuyerAddress(UpdateBuyerAddressRequest.newBuilder()
                                .setBuyerId(other.toString())
                                .setAddress(address("1 A St", "B", "C"))
                                .build()));
    }

    @Test
    void invalid_names_and_addresses_are_refused() {
        assertCode(Code.INVALID_ARGUMENT, () -> api.buyers(graceToken).createBuyer(create("Grace", "not-an-email")));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.buyers(graceToken).createBuyer(create("Gr\u0000ace", "grace@example.com")));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.buyers(graceToken)
                        .createBuyer(CreateBuyerRequest.newBuilder()
                                .setName("Grace")
                                .setEmail("grace@example.com")
                                .build()));
        assertThat(api.allEvents()).isEmpty();
    }

    @Test
    void listing_and_deleting_are_for_admins() {
        api.newBuyer();
        api.newBuyer();
        UUID third = api.newBuyer();
        api.ordering.drain();
        assertCode(
                Code.PERMISSION_DENIED,
                () -> api.buyers(graceToken).listBuyers(ListBuyersRequest.getDefaultInstance()));
        var delete =
                DeleteBuyerRequest.newBuilder().setBuyerId(third.toString()).build();
        assertCode(Code.PERMISSION_DENIED, () -> api.buyers(graceToken).deleteBuyer(delete));

        var page = api.buyers(adminToken)
                .listBuyers(ListBuyersRequest.newBuilder().setPageSize(2).build());
        assertThat(page.getBuyersList()).hasSize(2);
        assertThat(page.getNextPageToken()).isNotEmpty();

        api.buyers(adminToken).deleteBuyer(delete);
        api.ordering.drain();
        assertThat(api.buyers(adminToken)
                        .listBuyers(ListBuyersRequest.getDefaultInstance())
                        .getBuyersCount())
                .isEqualTo(2);
    }

    private static CreateBuyerRequest onlyAddress(String requestId) {
        return CreateBuyerRequest.newBuilder()
                .setRequestId(requestId)
                .setAddress(address("1 Main St", "Seattle", "WA"))
                .build();
    }

    private static CreateBuyerRequest create(String name, String email) {
        return CreateBuyerRequest.newBuilder()
                .setRequestId("b-1")
                .setName(name)
                .setEmail(email)
                .setAddress(address("1 Main St", "Seattle", "WA"))
                .build();
    }
}

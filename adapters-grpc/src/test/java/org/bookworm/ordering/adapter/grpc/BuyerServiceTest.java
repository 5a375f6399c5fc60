package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.address;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Buyer;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersRequest;
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
                () -> api.buyers(graceToken).createBuyer(create("Grace Hopper", "grace@example.com")));
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
        assertCode(Code.NOT_FOUND, () -> api.buyers(adminToken).deleteBuyer(delete));
        api.ordering.drain();
        assertThat(api.buyers(adminToken)
                        .listBuyers(ListBuyersRequest.getDefaultInstance())
                        .getBuyersCount())
                .isEqualTo(2);
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

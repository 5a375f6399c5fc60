package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.InventoryServiceGrpc;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.TransientFailure;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Basket's internal inventory RPCs: who may call them, and what a caller sees when Basket is away or slow. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class InternalCallsTest {
    private static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private final InMemoryInventory stock = new InMemoryInventory();
    private InternalApi basket = InternalApi.basket(stock);

    @AfterEach
    void close() {
        basket.close();
    }

    private Status statusOf(@Nullable String bearerToken) {
        var stub = InventoryServiceGrpc.newBlockingStub(basket.channel());
        if (bearerToken != null) {
            stub = ApiFixture.authorized(stub, bearerToken);
        }
        var request = GetStockRequest.newBuilder().setBookId(DUNE.toString()).build();
        try {
            stub.getStock(request);
            return Status.OK;
        } catch (StatusRuntimeException refused) {
            return refused.getStatus();
        }
    }

    @Test
    void the_service_token_opens_the_internal_inventory() {
        stock.restock(DUNE, 4);

        var inventory = basket.inventory(basket.token, DEADLINE);

        assertThat(inventory.stock(DUNE)).isEqualTo(new Inventory.StockLevel(4, 0));
    }

    @Test
    void no_token_is_unauthenticated_and_a_user_or_admin_token_is_denied() {
        assertThat(statusOf(null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(basket.tokens.user(UUID.randomUUID())).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(basket.tokens.admin(UUID.randomUUID())).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void another_deployments_token_is_denied_and_changes_nothing() {
        var stranger = basket.inventory(ServiceToken.random(), DEADLINE);

        assertThatThrownBy(() -> stranger.restock(DUNE, 9))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PERMISSION_DENIED");
        assertThat(stock.onHand(DUNE)).isZero();
    }

    @Test
    void a_process_started_without_a_service_token_refuses_every_internal_call() {
        basket.close();
        basket = new InternalApi(Set.of(Service.BASKET), false, stock);

        assertThat(statusOf(basket.token.secret()).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void basket_away_is_the_ports_transient_failure() {
        var nobody = ServiceChannel.over(InternalApi.channelTo("nobody-" + UUID.randomUUID()), basket.token);

        assertThatThrownBy(() -> nobody.inventory(DEADLINE).release(new OrderId(UUID.randomUUID())))
                .isInstanceOf(StoreUnavailable.class)
                .isInstanceOf(TransientFailure.class)
                .hasMessageContaining("UNAVAILABLE");
        nobody.close();
    }

    @Test
    void basket_too_slow_is_the_ports_transient_failure_after_the_deadline() throws InterruptedException {
        var release = new CountDownLatch(1);
        basket.close();
        basket = new InternalApi(Set.of(Service.BASKET), true, new StuckInventory(stock, release));
        var order = new OrderId(UUID.randomUUID());
        try {
            assertThatThrownBy(() -> basket.inventory(basket.token, Duration.ofMillis(200))
                            .reserve(order, List.of(new LineQuantity(DUNE, Quantity.of(1)))))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("DEADLINE_EXCEEDED");
        } finally {
            release.countDown();
        }
    }

    @Test
    void bad_input_is_refused_as_the_port_refuses_it_and_changes_nothing() {
        var inventory = basket.inventory(basket.token, DEADLINE);

        assertThatThrownBy(() -> inventory.receive(DUNE, UUID.randomUUID(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        var raw = ApiFixture.authorized(InventoryServiceGrpc.newBlockingStub(basket.channel()), basket.token.secret());
        assertThatThrownBy(() -> raw.getStock(
                        GetStockRequest.newBuilder().setBookId("not-a-uuid").build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(stock.onHand(DUNE)).isZero();
    }
}

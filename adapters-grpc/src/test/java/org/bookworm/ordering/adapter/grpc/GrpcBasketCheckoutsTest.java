package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.contract.BasketCheckoutsContract;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checkout's basket port through Basket's internal RPCs, on in-memory baskets behind an in-process server. */
class GrpcBasketCheckoutsTest extends BasketCheckoutsContract {
    private InternalApi basket;

    @Override
    protected Baskets emptyBaskets() {
        var store = new InMemoryBasketStore();
        basket = new InternalApi(Set.of(Service.BASKET), true, new InMemoryInventory(), store);
        return new Baskets(store, basket.basketCheckouts(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        basket.close();
    }

    @Test
    void basket_away_is_the_ports_transient_failure_so_checkout_releases_and_the_lane_retries() {
        var nobody = ServiceChannel.over(InternalApi.channelTo("nobody-" + UUID.randomUUID()), basket.token);

        assertThatThrownBy(() -> nobody.basketCheckouts(Duration.ofSeconds(5))
                        .markCheckedOut(new BuyerId(UUID.randomUUID()), new OrderId(UUID.randomUUID())))
                .isInstanceOf(BasketStoreUnavailable.class)
                .hasMessageContaining("UNAVAILABLE");
        nobody.close();
    }
}

package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.junit.jupiter.api.Test;

class MethodGroupTest {

    @Test
    void methods_fall_into_the_groups_the_rate_limits_name() {
        assertThat(group(OrderingServiceGrpc.getPlaceOrderMethod())).isEqualTo(MethodGroup.CHECKOUT);
        assertThat(group(OrderingServiceGrpc.getGetOrderMethod())).isEqualTo(MethodGroup.READ);
        assertThat(group(OrderingServiceGrpc.getListOrdersMethod())).isEqualTo(MethodGroup.READ);
        assertThat(group(OrderingServiceGrpc.getWatchOrderMethod())).isEqualTo(MethodGroup.READ);
        assertThat(group(OrderingServiceGrpc.getCancelOrderMethod())).isEqualTo(MethodGroup.WRITE);
        assertThat(group(BasketServiceGrpc.getAddItemMethod())).isEqualTo(MethodGroup.WRITE);
        assertThat(group(OrderingServiceGrpc.getShipOrderMethod())).isEqualTo(MethodGroup.ADMIN);
        assertThat(group(BuyerServiceGrpc.getListBuyersMethod())).isEqualTo(MethodGroup.ADMIN);
        assertThat(group(CatalogServiceGrpc.getPutBookMethod())).isEqualTo(MethodGroup.ADMIN);
        assertThat(group(HealthGrpc.getCheckMethod())).isEqualTo(MethodGroup.READ);
    }

    @Test
    void every_served_method_has_a_group_and_admin_methods_are_the_admin_group() {
        try (var api = new ApiFixture()) {
            var methods = api.api.definitions().stream()
                    .flatMap(service -> service.getMethods().stream())
                    .map(method -> method.getMethodDescriptor().getFullMethodName())
                    .toList();
            assertThat(methods)
                    .hasSizeGreaterThan(20)
                    .allSatisfy(method -> assertThat(MethodGroup.of(method) == MethodGroup.ADMIN)
                            .as(method)
                            .isEqualTo(AccessPolicy.of(method).orElseThrow() == AccessPolicy.Access.ADMIN));
        }
    }

    private static MethodGroup group(io.grpc.MethodDescriptor<?, ?> method) {
        return MethodGroup.of(method.getFullMethodName());
    }
}

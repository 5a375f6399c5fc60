package org.bookworm.ordering.adapter.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.AdminServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.FinanceServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BasketCheckoutServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BookCatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.InventoryServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.PaymentAuthorizationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EmailRequestServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.NotificationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;

/**
 * Who may call what, deny by default: a static table from full method name to {@link Access}. A method missing
 * here answers PERMISSION_DENIED, and {@code AccessPolicyTest} fails when a served method has no entry.
 */
final class AccessPolicy {
    /**
     * Anonymous calls need no token; user calls a valid token; admin calls a token with the admin role; service calls
     * (the internal RPCs between the processes of one deployment, ADR 0031) the deployment's {@link ServiceToken}.
     */
    enum Access {
        ANONYMOUS,
        USER,
        ADMIN,
        SERVICE
    }

    private static final Map<String, Access> TABLE = table();

    private AccessPolicy() {}

    static Optional<Access> of(String fullMethodName) {
        return Optional.ofNullable(TABLE.get(fullMethodName));
    }

    private static Map<String, Access> table() {
        var table = new HashMap<String, Access>();
        // health and reflection are how clients and load balancers discover us: no token
        all(table, HealthGrpc.getServiceDescriptor(), Access.ANONYMOUS);
        all(table, ServerReflectionGrpc.getServiceDescriptor(), Access.ANONYMOUS);

        put(table, OrderingServiceGrpc.getPlaceOrderMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getGetOrderMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getListOrdersMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getModifyOrderMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getCancelOrderMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getShipOrderMethod(), Access.ADMIN);
        put(table, OrderingServiceGrpc.getCompleteOrderMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getDeleteOrderMethod(), Access.ADMIN);
        put(table, OrderingServiceGrpc.getGetOrderHistoryMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getGetOrderAsOfMethod(), Access.USER);
        put(table, OrderingServiceGrpc.getWatchOrderMethod(), Access.USER);

        put(table, BuyerServiceGrpc.getCreateBuyerMethod(), Access.USER);
        put(table, BuyerServiceGrpc.getGetBuyerMethod(), Access.USER);
        put(table, BuyerServiceGrpc.getUpdateBuyerAddressMethod(), Access.USER);
        put(table, BuyerServiceGrpc.getListBuyersMethod(), Access.ADMIN);
        put(table, BuyerServiceGrpc.getDeleteBuyerMethod(), Access.ADMIN);

        all(table, BasketServiceGrpc.getServiceDescriptor(), Access.USER);

        put(table, CatalogServiceGrpc.getGetBooksMethod(), Access.USER);
        put(table, CatalogServiceGrpc.getPutBookMethod(), Access.ADMIN);
        put(table, CatalogServiceGrpc.getRetireBookMethod(), Access.ADMIN);
        put(table, CatalogServiceGrpc.getGetStockMethod(), Access.ADMIN);
        put(table, CatalogServiceGrpc.getSetStockMethod(), Access.ADMIN);
        put(table, CatalogServiceGrpc.getReceiveStockMethod(), Access.ADMIN);

        // finance and notification reads check that the order is the caller's, like every order read
        all(table, FinanceServiceGrpc.getServiceDescriptor(), Access.USER);
        put(table, NotificationServiceGrpc.getListOrderEmailsMethod(), Access.USER);
        put(table, NotificationServiceGrpc.getResendFailedEmailsMethod(), Access.ADMIN);
        put(table, NotificationServiceGrpc.getCleanUpSentEmailsMethod(), Access.ADMIN);

        // subscriptions and their held events: operators only
        all(table, AdminServiceGrpc.getServiceDescriptor(), Access.ADMIN);

        // internal: only the deployment's own processes, with the service token
        all(table, InventoryServiceGrpc.getServiceDescriptor(), Access.SERVICE);
        all(table, BasketCheckoutServiceGrpc.getServiceDescriptor(), Access.SERVICE);
        all(table, BookCatalogServiceGrpc.getServiceDescriptor(), Access.SERVICE);
        all(table, EmailRequestServiceGrpc.getServiceDescriptor(), Access.SERVICE);
        all(table, PaymentAuthorizationServiceGrpc.getServiceDescriptor(), Access.SERVICE);
        return Map.copyOf(table);
    }

    private static void put(Map<String, Access> table, MethodDescriptor<?, ?> method, Access access) {
        table.put(method.getFullMethodName(), access);
    }

    private static void all(Map<String, Access> table, ServiceDescriptor service, Access access) {
        service.getMethods().forEach(method -> put(table, method, access));
    }
}

package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CompleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CompleteOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderAsOfRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderAsOfResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderHistoryResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ShipOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ShipOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderResponse;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.ordering.CheckoutRejection;
import org.bookworm.ordering.core.ordering.CheckoutService;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;

/**
 * bookworm.ordering.v1.OrderingService: translation only, to {@link CheckoutService} (place from the basket, modify
 * with stock and payment), {@link OrderService} and {@link OrderQueries}. Every mutating RPC requires a request id
 * (docs/messages.md section 8).
 */
final class OrderingGrpcService extends OrderingServiceGrpc.OrderingServiceImplBase {
    private final OrderService orders;
    private final OrderQueries queries;
    private final CheckoutService checkout;
    private final OrderWatch watch;

    OrderingGrpcService(OrderService orders, OrderQueries queries, CheckoutService checkout, OrderWatch watch) {
        this.orders = orders;
        this.queries = queries;
        this.checkout = checkout;
        this.watch = watch;
    }

    @Override
    public void placeOrder(PlaceOrderRequest request, StreamObserver<PlaceOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var done = checkedOut(checkout.placeOrder(
                    Callers.current(),
                    Wire.requestId(request.getRequestId()),
                    Wire.paymentMethod(request.getPaymentMethodToken())));
            return PlaceOrderResponse.newBuilder()
                    .setOrderId(done.stream().id().toString())
                    .setVersion(done.version())
                    .build();
        });
    }

    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<GetOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var order = Wire.orderId(request.getOrderId());
            var view = queries.find(Callers.current(), order).orElseThrow(() -> Errors.notFound("no order " + order));
            return GetOrderResponse.newBuilder().setOrder(Replies.order(view)).build();
        });
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> responses) {
        Unary.respond(responses, () -> {
            var page = queries.list(
                    Callers.current(),
                    request.getBuyerId().isEmpty() ? null : Wire.buyerId(request.getBuyerId()),
                    Wire.statusFilter(request.getStatus()),
                    Wire.page(request.getPageSize(), request.getPageToken()));
            var reply = ListOrdersResponse.newBuilder();
            page.items().forEach(summary -> reply.addOrders(Replies.summary(summary)));
            return reply.setNextPageToken(page.nextToken() == null ? "" : page.nextToken())
                    .build();
        });
    }

    @Override
    public void modifyOrder(ModifyOrderRequest request, StreamObserver<ModifyOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var done = checkedOut(checkout.modifyOrder(
                    Callers.current(),
                    Wire.requestId(request.getRequestId()),
                    Wire.orderId(request.getOrderId()),
                    Wire.modification(request)));
            return ModifyOrderResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    @Override
    public void cancelOrder(CancelOrderRequest request, StreamObserver<CancelOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var done = done(orders.cancel(
                    Callers.current(), Wire.requestId(request.getRequestId()), Wire.orderId(request.getOrderId())));
            return CancelOrderResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    @Override
    public void shipOrder(ShipOrderRequest request, StreamObserver<ShipOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var order = Wire.orderId(request.getOrderId());
            var requestId = Wire.requestId(request.getRequestId());
            var done = done(
                    request.getLinesList().isEmpty()
                            ? orders.shipAll(Callers.current(), requestId, order)
                            : orders.ship(
                                    Callers.current(),
                                    requestId,
                                    order,
                                    Wire.lines(request.getLinesList(), "a shipment")));
            return ShipOrderResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    @Override
    public void completeOrder(CompleteOrderRequest request, StreamObserver<CompleteOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var done = done(orders.complete(
                    Callers.current(), Wire.requestId(request.getRequestId()), Wire.orderId(request.getOrderId())));
            return CompleteOrderResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    @Override
    public void deleteOrder(DeleteOrderRequest request, StreamObserver<DeleteOrderResponse> responses) {
        Unary.respond(responses, () -> {
            var done = done(orders.delete(
                    Callers.current(), Wire.requestId(request.getRequestId()), Wire.orderId(request.getOrderId())));
            return DeleteOrderResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    @Override
    public void getOrderHistory(GetOrderHistoryRequest request, StreamObserver<GetOrderHistoryResponse> responses) {
        Unary.respond(responses, () -> {
            var order = Wire.orderId(request.getOrderId());
            var events = queries.history(Callers.current(), order);
            if (events.isEmpty()) {
                throw Errors.notFound("no order " + order);
            }
            var reply = GetOrderHistoryResponse.newBuilder();
            events.forEach(event -> reply.addEvents(Replies.historyEntry(event)));
            return reply.build();
        });
    }

    @Override
    public void getOrderAsOf(GetOrderAsOfRequest request, StreamObserver<GetOrderAsOfResponse> responses) {
        Unary.respond(responses, () -> {
            var order = Wire.orderId(request.getOrderId());
            var view = queries.asOf(Callers.current(), order, Wire.instant(request.hasAt(), request.getAt()))
                    .orElseThrow(() -> Errors.notFound("no order " + order + " at that time"));
            return GetOrderAsOfResponse.newBuilder()
                    .setOrder(Replies.order(view))
                    .build();
        });
    }

    @Override
    public void watchOrder(WatchOrderRequest request, StreamObserver<WatchOrderResponse> responses) {
        try {
            watch.watch(Callers.current(), Wire.orderId(request.getOrderId()), responses);
        } catch (RuntimeException failure) {
            responses.onError(Errors.statusOf(failure).asRuntimeException());
        }
    }

    private static Outcome.Done<CheckoutRejection> checkedOut(Outcome<CheckoutRejection> outcome) {
        return switch (outcome) {
            case Outcome.Done<CheckoutRejection> done -> done;
            case Outcome.Refused<CheckoutRejection> refused -> throw Errors.refused(refused.reason());
        };
    }

    /** A refusal becomes its status; the caller answers with the done outcome. */
    private static Outcome.Done<OrderRejection> done(Outcome<OrderRejection> outcome) {
        return switch (outcome) {
            case Outcome.Done<OrderRejection> done -> done;
            case Outcome.Refused<OrderRejection> refused -> throw Errors.refused(refused.reason());
        };
    }
}

package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.AdjustRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.CommitRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.CommitResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetHeldRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetHeldResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetStockResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.InventoryServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReceiveRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReceiveResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReservationAnswer;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReserveRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RestockRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RestockResponse;
import org.bookworm.ordering.core.basket.Inventory;

/**
 * Basket's {@link Inventory} for the deployment's other processes ({@code bookworm.internal.basket.v1}, ADR 0031):
 * each RPC is one call of the port; a bad id or quantity is INVALID_ARGUMENT, a store that is down UNAVAILABLE.
 */
final class InternalInventoryGrpcService extends InventoryServiceGrpc.InventoryServiceImplBase {
    private final Inventory inventory;

    InternalInventoryGrpcService(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public void restock(RestockRequest request, StreamObserver<RestockResponse> responses) {
        Unary.respond(responses, () -> {
            inventory.restock(Wire.bookId(request.getBookId()), request.getOnHand());
            return RestockResponse.getDefaultInstance();
        });
    }

    @Override
    public void receive(ReceiveRequest request, StreamObserver<ReceiveResponse> responses) {
        Unary.respond(responses, () -> switch (inventory.receive(
                Wire.bookId(request.getBookId()), UUID.fromString(request.getReceiptId()), request.getCopies())) {
            case Inventory.Receipt.Received received ->
                ReceiveResponse.newBuilder()
                        .setReceivedOnHand(received.onHand())
                        .build();
            case Inventory.Receipt.ReceiptReused reused ->
                ReceiveResponse.newBuilder().setReceiptReused(true).build();
        });
    }

    @Override
    public void getStock(GetStockRequest request, StreamObserver<GetStockResponse> responses) {
        Unary.respond(responses, () -> {
            var level = inventory.stock(Wire.bookId(request.getBookId()));
            return GetStockResponse.newBuilder()
                    .setOnHand(level.onHand())
                    .setHeld(level.held())
                    .build();
        });
    }

    @Override
    public void getHeld(GetHeldRequest request, StreamObserver<GetHeldResponse> responses) {
        Unary.respond(
                responses,
                () -> GetHeldResponse.newBuilder()
                        .addAllLines(InventoryWire.lines(inventory.held(Wire.orderId(request.getOrderId()))))
                        .build());
    }

    @Override
    public void reserve(ReserveRequest request, StreamObserver<ReservationAnswer> responses) {
        Unary.respond(
                responses,
                () -> InventoryWire.toWire(inventory.reserve(
                        Wire.orderId(request.getOrderId()), InventoryWire.lineQuantities(request.getLinesList()))));
    }

    @Override
    public void adjust(AdjustRequest request, StreamObserver<ReservationAnswer> responses) {
        Unary.respond(
                responses,
                () -> InventoryWire.toWire(inventory.adjust(
                        Wire.orderId(request.getOrderId()), InventoryWire.lineQuantities(request.getLinesList()))));
    }

    @Override
    public void release(ReleaseRequest request, StreamObserver<ReleaseResponse> responses) {
        Unary.respond(responses, () -> {
            inventory.release(Wire.orderId(request.getOrderId()));
            return ReleaseResponse.getDefaultInstance();
        });
    }

    @Override
    public void commit(CommitRequest request, StreamObserver<CommitResponse> responses) {
        Unary.respond(responses, () -> {
            inventory.commit(
                    Wire.orderId(request.getOrderId()),
                    UUID.fromString(request.getShipmentId()),
                    InventoryWire.lineQuantities(request.getLinesList()));
            return CommitResponse.getDefaultInstance();
        });
    }
}

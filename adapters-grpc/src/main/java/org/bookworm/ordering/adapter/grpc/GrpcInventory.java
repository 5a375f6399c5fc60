package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.AdjustRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.CommitRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetHeldRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.InventoryServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReceiveRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReleaseRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReserveRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RestockRequest;
import org.bookworm.ordering.core.basket.Inventories;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Basket's {@link Inventory} in another process, over {@code bookworm.internal.basket.v1.InventoryService}: used by
 * Finance's checkout saga and Ordering's modifications when Basket does not run beside them (ADR 0031). Every call
 * has a deadline; UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED are the port's transient failure ({@link
 * StoreUnavailable}: a held lane retries it, ADR 0014), INVALID_ARGUMENT is {@link IllegalArgumentException} as the
 * port's own refusals. Passes {@code InventoryContract}.
 */
final class GrpcInventory implements Inventory {
    private final InventoryServiceGrpc.InventoryServiceBlockingStub stub;
    private final Duration deadline;

    GrpcInventory(Channel channel, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("an inventory call's deadline is positive, not " + deadline);
        }
        this.stub = InventoryServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    @Override
    public void restock(BookId book, int onHand) {
        if (onHand < 0) {
            throw new IllegalArgumentException("copies on hand cannot be negative: " + onHand);
        }
        call(
                "restock",
                inventory -> inventory.restock(RestockRequest.newBuilder()
                        .setBookId(book.toString())
                        .setOnHand(onHand)
                        .build()));
    }

    @Override
    public Receipt receive(BookId book, UUID receipt, int copies) {
        Inventories.requireReceivable(copies);
        var answer = call(
                "receive",
                inventory -> inventory.receive(ReceiveRequest.newBuilder()
                        .setBookId(book.toString())
                        .setReceiptId(receipt.toString())
                        .setCopies(copies)
                        .build()));
        return answer.hasReceiptReused()
                ? new Receipt.ReceiptReused()
                : new Receipt.Received(answer.getReceivedOnHand());
    }

    @Override
    public StockLevel stock(BookId book) {
        var level = call(
                "stock",
                inventory -> inventory.getStock(
                        GetStockRequest.newBuilder().setBookId(book.toString()).build()));
        return new StockLevel(level.getOnHand(), level.getHeld());
    }

    @Override
    public int onHand(BookId book) {
        return stock(book).onHand();
    }

    @Override
    public int available(BookId book) {
        return stock(book).available();
    }

    @Override
    public List<LineQuantity> held(OrderId order) {
        var held = call(
                "held",
                inventory -> inventory.getHeld(
                        GetHeldRequest.newBuilder().setOrderId(order.toString()).build()));
        return InventoryWire.lineQuantities(held.getLinesList());
    }

    @Override
    public Answer reserve(OrderId order, List<LineQuantity> lines) {
        return InventoryWire.fromWire(call(
                "reserve",
                inventory -> inventory.reserve(ReserveRequest.newBuilder()
                        .setOrderId(order.toString())
                        .addAllLines(InventoryWire.lines(lines))
                        .build())));
    }

    @Override
    public Answer adjust(OrderId order, List<LineQuantity> lines) {
        return InventoryWire.fromWire(call(
                "adjust",
                inventory -> inventory.adjust(AdjustRequest.newBuilder()
                        .setOrderId(order.toString())
                        .addAllLines(InventoryWire.lines(lines))
                        .build())));
    }

    @Override
    public void release(OrderId order) {
        call(
                "release",
                inventory -> inventory.release(
                        ReleaseRequest.newBuilder().setOrderId(order.toString()).build()));
    }

    @Override
    public void commit(OrderId order, UUID shipment, List<LineQuantity> lines) {
        call(
                "commit",
                inventory -> inventory.commit(CommitRequest.newBuilder()
                        .setOrderId(order.toString())
                        .setShipmentId(shipment.toString())
                        .addAllLines(InventoryWire.lines(lines))
                        .build()));
    }

    private <T> T call(String what, Function<InventoryServiceGrpc.InventoryServiceBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException failed) {
            throw translated(what, failed);
        }
    }

    private static RuntimeException translated(String what, StatusRuntimeException failed) {
        return RemoteFailures.of("Basket's inventory (" + what + ")", failed, StoreUnavailable::new);
    }
}

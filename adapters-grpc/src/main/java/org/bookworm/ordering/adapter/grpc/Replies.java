package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.CheckoutHistoryEntry;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Buyer;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Order;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderHistoryEntry;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.CatalogService;
import org.bookworm.ordering.core.basket.PricedBasket;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.BuyerState;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.jspecify.annotations.Nullable;

/** Domain to proto: exact money (units + nanos), statuses, timestamps and the read models. */
final class Replies {
    private Replies() {}

    static org.bookworm.ordering.adapter.grpc.proto.common.v1.Money money(Money money) {
        int digits = money.currency().getDefaultFractionDigits();
        long perUnit = (long) Math.pow(10, digits);
        long nanosPerMinor = 1_000_000_000L / perUnit;
        return org.bookworm.ordering.adapter.grpc.proto.common.v1.Money.newBuilder()
                .setCurrencyCode(money.currency().getCurrencyCode())
                .setUnits(money.minorUnits() / perUnit)
                .setNanos((int) (money.minorUnits() % perUnit * nanosPerMinor))
                .build();
    }

    static org.bookworm.ordering.adapter.grpc.proto.common.v1.Address address(Address address) {
        return org.bookworm.ordering.adapter.grpc.proto.common.v1.Address.newBuilder()
                .setStreet(address.street())
                .setCity(address.city())
                .setProvince(address.province())
                .build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus status(OrderStatus status) {
        return switch (status) {
            case PLACED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_PLACED;
            case CONFIRMED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_CONFIRMED;
            case PARTIALLY_SHIPPED ->
                org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_PARTIALLY_SHIPPED;
            case SHIPPED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_SHIPPED;
            case COMPLETED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_COMPLETED;
            case CANCELLED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_CANCELLED;
            case FAILED -> org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus.ORDER_STATUS_FAILED;
        };
    }

    static Order order(OrderView view) {
        var order = Order.newBuilder()
                .setOrderId(view.id().toString())
                .setBuyerId(view.buyer().toString())
                .setBuyerName(view.buyerName().value())
                .setBuyerEmail(
                        view.buyerEmail() == null ? "" : view.buyerEmail().value())
                .setStatus(status(view.status()))
                .setTotal(money(view.total()))
                .setShippingAddress(address(view.shippingAddress()))
                .setPlacedAt(timestamp(view.placedAt()))
                .setUpdatedAt(timestamp(view.updatedAt()))
                .setVersion(view.version());
        for (OrderView.Line line : view.lines()) {
            order.addLines(org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderLine.newBuilder()
                    .setBookId(line.book().toString())
                    .setTitle(line.title().value())
                    .setQuantity(line.quantity())
                    .setShipped(line.shipped())
                    .setUnitPrice(money(line.unitPrice())));
        }
        return order.build();
    }

    static org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderSummary summary(OrderSummary summary) {
        return org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderSummary.newBuilder()
                .setOrderId(summary.id().toString())
                .setBuyerId(summary.buyer().toString())
                .setStatus(status(summary.status()))
                .setTotal(money(summary.total()))
                .setLineCount(summary.lineCount())
                .setPlacedAt(timestamp(summary.placedAt()))
                .setVersion(summary.version())
                .build();
    }

    /** An order event with all its audit data; an absent id or buyer is the empty string. */
    static OrderHistoryEntry historyEntry(RecordedEvent event) {
        Metadata audit = event.metadata();
        return OrderHistoryEntry.newBuilder()
                .setVersion(event.version())
                .setEventId(event.eventId().toString())
                .setEventType(event.event().getClass().getSimpleName())
                .setRecordedAt(timestamp(event.recordedAt()))
                .setActor(audit.actor())
                .addAllActorRoles(audit.actorRoles())
                .setRequestId(text(audit.requestId()))
                .setCorrelationId(audit.correlationId().toString())
                .setCausationId(text(audit.causationId()))
                .setOnBehalfOf(text(audit.onBehalfOf()))
                .build();
    }

    /** A checkout event with the same audit data as {@link #historyEntry}. */
    static CheckoutHistoryEntry checkoutHistoryEntry(RecordedEvent event) {
        Metadata audit = event.metadata();
        return CheckoutHistoryEntry.newBuilder()
                .setVersion(event.version())
                .setEventId(event.eventId().toString())
                .setEventType(event.event().getClass().getSimpleName())
                .setRecordedAt(timestamp(event.recordedAt()))
                .setActor(audit.actor())
                .addAllActorRoles(audit.actorRoles())
                .setRequestId(text(audit.requestId()))
                .setCorrelationId(audit.correlationId().toString())
                .setCausationId(text(audit.causationId()))
                .setOnBehalfOf(text(audit.onBehalfOf()))
                .build();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    static Buyer buyer(BuyerState.Active buyer) {
        return Buyer.newBuilder()
                .setBuyerId(buyer.id().toString())
                .setName(buyer.name().value())
                .setEmail(buyer.email() == null ? "" : buyer.email().value()) // "": the buyer gave no address
                .setAddress(address(buyer.address()))
                .build();
    }

    static Buyer buyer(BuyerView buyer) {
        return buyer(new BuyerState.Active(buyer.id(), buyer.name(), buyer.email(), buyer.address()));
    }

    static org.bookworm.ordering.adapter.grpc.proto.basket.v1.Basket basket(PricedBasket basket) {
        var reply = org.bookworm.ordering.adapter.grpc.proto.basket.v1.Basket.newBuilder()
                .setBuyerId(basket.buyer().toString());
        if (basket.checkedOutBy() != null) {
            reply.setCheckedOutByOrderId(basket.checkedOutBy().toString());
        }
        if (basket.total() != null) {
            reply.setTotal(money(basket.total()));
        }
        for (PricedBasket.Item item : basket.items()) {
            var line = org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem.newBuilder()
                    .setBookId(item.book().toString())
                    .setQuantity(item.quantity().value());
            if (item.title() != null) {
                line.setTitle(item.title().value());
            }
            if (item.unitPrice() != null) {
                line.setUnitPrice(money(item.unitPrice()));
            }
            if (item.price() != null) {
                line.setListPrice(money(item.price()));
            }
            if (item.salePrice() != null) {
                line.setSalePrice(money(item.salePrice()));
            }
            reply.addItems(line.setRetired(item.retired()));
        }
        return reply.build();
    }

    static org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book book(Book book) {
        var reply = org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book.newBuilder()
                .setBookId(book.id().toString())
                .setTitle(book.title().value())
                .setPrice(money(book.price()))
                .setStockStatus(
                        switch (book.status()) {
                            case IN_STOCK ->
                                org.bookworm.ordering.adapter.grpc.proto.catalog.v1.StockStatus.STOCK_STATUS_IN_STOCK;
                            case OUT_OF_STOCK ->
                                org.bookworm.ordering.adapter.grpc.proto.catalog.v1.StockStatus
                                        .STOCK_STATUS_OUT_OF_STOCK;
                        });
        if (book.salePrice() != null) {
            reply.setSalePrice(money(book.salePrice()));
        }
        return reply.setRetired(book.retired()).build();
    }

    static org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Stock stock(CatalogService.BookStock stock) {
        return org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Stock.newBuilder()
                .setBookId(stock.book().toString())
                .setOnHand(stock.level().onHand())
                .setHeld(stock.level().held())
                .setAvailable(stock.level().available())
                .build();
    }
}

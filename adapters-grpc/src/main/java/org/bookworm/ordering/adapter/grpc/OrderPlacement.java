package org.bookworm.ordering.adapter.grpc;

import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.app.BuyerService;
import org.bookworm.ordering.core.app.Caller;
import org.bookworm.ordering.core.app.OrderService;
import org.bookworm.ordering.core.app.Outcome;
import org.bookworm.ordering.core.buyer.BuyerState;
import org.bookworm.ordering.core.catalog.Book;
import org.bookworm.ordering.core.catalog.Catalog;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.order.BuyerSnapshot;
import org.bookworm.ordering.core.order.LineQuantity;
import org.bookworm.ordering.core.order.OrderLine;
import org.bookworm.ordering.core.order.OrderRejection;
import org.jspecify.annotations.Nullable;

/**
 * Gathers what {@link OrderService#place} needs for a direct PlaceOrder: the caller's buyer profile (snapshot on the
 * order) and the catalog's prices (never the client's). Once the checkout service (place from basket) lands in the
 * core, PlaceOrder should call it instead and this class goes away.
 */
final class OrderPlacement {
    private final OrderService orders;
    private final BuyerService buyers;
    private final Catalog catalog;

    OrderPlacement(OrderService orders, BuyerService buyers, Catalog catalog) {
        this.orders = orders;
        this.buyers = buyers;
        this.catalog = catalog;
    }

    Outcome<OrderRejection> place(
            Caller caller, String requestId, List<LineQuantity> wanted, @Nullable Address shipTo) {
        var buyer = caller.buyerId();
        if (!(buyers.load(caller, buyer) instanceof BuyerState.Active profile)) {
            throw io.grpc.Status.FAILED_PRECONDITION
                    .withDescription("create your buyer profile first (BuyerService/CreateBuyer)")
                    .asRuntimeException();
        }
        var books = catalog.books(wanted.stream().map(LineQuantity::book).toList());
        var lines = new ArrayList<OrderLine>(wanted.size());
        for (LineQuantity line : wanted) {
            Book book = books.get(line.book());
            if (book == null) {
                throw Errors.notFound("no book " + line.book() + " in the catalog");
            }
            lines.add(new OrderLine(book.id(), book.title(), line.quantity(), book.unitPrice()));
        }
        var snapshot = new BuyerSnapshot(buyer, profile.name(), profile.email());
        return orders.place(caller, requestId, snapshot, shipTo != null ? shipTo : profile.address(), lines);
    }
}

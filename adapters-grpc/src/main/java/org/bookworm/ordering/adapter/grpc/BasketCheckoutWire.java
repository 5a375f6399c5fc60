package org.bookworm.ordering.adapter.grpc;

import java.util.List;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.CheckoutBasket;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.Line;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** The internal checkout basket messages to and from the core's values, for both ends of the wire. */
final class BasketCheckoutWire {
    private BasketCheckoutWire() {}

    static CheckoutBasket toWire(Basket basket) {
        return CheckoutBasket.newBuilder()
                .setBuyerId(basket.buyer().toString())
                .addAllItems(lines(basket.items()))
                .setCheckedOutBy(
                        basket.checkedOutBy() == null
                                ? ""
                                : basket.checkedOutBy().toString())
                .build();
    }

    static Basket fromWire(CheckoutBasket basket) {
        return new Basket(
                BuyerId.parse(basket.getBuyerId()),
                items(basket.getItemsList()),
                basket.getCheckedOutBy().isEmpty() ? null : OrderId.parse(basket.getCheckedOutBy()));
    }

    static List<Line> lines(List<BasketItem> items) {
        return items.stream()
                .map(item -> Line.newBuilder()
                        .setBookId(item.book().toString())
                        .setQuantity(item.quantity().value())
                        .build())
                .toList();
    }

    static List<BasketItem> items(List<Line> lines) {
        return lines.stream()
                .map(line -> new BasketItem(BookId.parse(line.getBookId()), Quantity.of(line.getQuantity())))
                .toList();
    }
}

package org.bookworm.ordering.adapter.grpc;

import java.util.List;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.Line;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.ReservationAnswer;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;

/** The internal inventory messages to and from the core's values, for both ends of the wire. */
final class InventoryWire {
    private InventoryWire() {}

    static List<Line> lines(List<LineQuantity> lines) {
        return lines.stream()
                .map(line -> Line.newBuilder()
                        .setBookId(line.book().toString())
                        .setQuantity(line.quantity().value())
                        .build())
                .toList();
    }

    static List<LineQuantity> lineQuantities(List<Line> lines) {
        return lines.stream()
                .map(line -> new LineQuantity(BookId.parse(line.getBookId()), Quantity.of(line.getQuantity())))
                .toList();
    }

    static ReservationAnswer toWire(Inventory.Answer answer) {
        return switch (answer) {
            case Inventory.Answer.Reserved reserved ->
                ReservationAnswer.newBuilder().setReserved(true).build();
            case Inventory.Answer.Closed closed ->
                ReservationAnswer.newBuilder().setClosed(true).build();
            case Inventory.Answer.OutOfStock out ->
                ReservationAnswer.newBuilder()
                        .setOutOfStock(ReservationAnswer.OutOfStock.newBuilder()
                                .addAllBookIds(out.books().stream()
                                        .map(BookId::toString)
                                        .toList()))
                        .build();
        };
    }

    static Inventory.Answer fromWire(ReservationAnswer answer) {
        return switch (answer.getAnswerCase()) {
            case RESERVED -> new Inventory.Answer.Reserved();
            case CLOSED -> new Inventory.Answer.Closed();
            case OUT_OF_STOCK ->
                new Inventory.Answer.OutOfStock(answer.getOutOfStock().getBookIdsList().stream()
                        .map(BookId::parse)
                        .toList());
            case ANSWER_NOT_SET -> throw new IllegalStateException("the inventory answered nothing");
        };
    }
}

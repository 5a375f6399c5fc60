package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * The shapes stored events had before, and the upcasters that bring them to today's (RELIABILITY.md section 6, ADR
 * 0026). Stored rows are never rewritten: an old row keeps its schema version and is upcast on every read.
 *
 * <ul>
 *   <li>{@code ReservationRequested} v1 had no {@code lines}; v2 carries the lines to reserve.
 *   <li>{@code PaymentRequested} v1 had no {@code amount} nor {@code paymentMethod}; v2 carries both.
 *   <li>{@code OrderConfirmed} v1 had no {@code order}; v2 carries the order as confirmed.
 * </ul>
 *
 * A v1 event reads with those fields null, which its consumers know to mean "stored before it carried them": the
 * checkout reactor folds the saga for them, the confirmation's followers fold the order.
 */
final class StoredShapes {
    private StoredShapes() {}

    /** Registers the current schema versions and their upcasters. */
    static EventCodec.Builder register(EventCodec.Builder codec) {
        return codec.schemaVersion("ReservationRequested", 2)
                .upcaster("ReservationRequested", 1, absent("lines"))
                .schemaVersion("PaymentRequested", 2)
                .upcaster("PaymentRequested", 1, absent("amount", "paymentMethod"))
                .schemaVersion("OrderConfirmed", 2)
                .upcaster("OrderConfirmed", 1, absent("order"));
    }

    /** A step that adds {@code fields} as JSON null: the old shape did not know them. */
    static UnaryOperator<JsonNode> absent(String... fields) {
        return node -> {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            for (String field : fields) {
                if (!copy.has(field)) {
                    copy.putNull(field);
                }
            }
            return copy;
        };
    }
}

package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();

    @Test
    void everyEventTypeOfEveryFamilyRoundTrips() {
        Map<Class<?>, DomainEvent> samples = Samples.oneOfEach();
        var families = new Class<?>[] {OrderEvent.class, BuyerEvent.class, CheckoutEvent.class, PaymentEvent.class};
        for (Class<?> family : families) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                assertThat(samples).as("a sample of " + type.getSimpleName()).containsKey(type);
                DomainEvent event = samples.get(type);
                EventCodec.Encoded encoded = codec.encode(event);
                assertThat(encoded.type()).isEqualTo(type.getSimpleName());
                assertThat(encoded.schemaVersion()).isEqualTo(codec.schemaVersion(type.getSimpleName()));
                assertThat(codec.decode(encoded.type(), encoded.schemaVersion(), encoded.json()))
                        .isEqualTo(event);
            }
        }
        assertThat(samples)
                .hasSize(Arrays.stream(families)
                        .mapToInt(f -> f.getPermittedSubclasses().length)
                        .sum());
    }

    @Test
    void valuesAreWrittenAsPlainJson() {
        var event = Samples.placed(new OrderId(java.util.UUID.fromString("0192f0c8-3c4b-7d8e-9f00-000000000001")));
        String json = codec.encode(event).json();
        assertThat(json)
                .contains("\"orderId\":\"0192f0c8-3c4b-7d8e-9f00-000000000001\"")
                .contains("\"quantity\":2")
                .contains("\"at\":\"2026-11-24T10:15:30.123456789Z\"")
                .contains("\"currency\":\"USD\"");
    }

    @Test
    void raisingASchemaVersionWithoutAnUpcasterIsRefused() {
        var builder = EventCodec.builder().family(OrderEvent.class).schemaVersion("OrderConfirmed", 2);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OrderConfirmed")
                .hasMessageContaining("no upcaster from v1 to v2");
    }

    @Test
    void anOldPayloadRunsThroughTheUpcasterChain() {
        // A stored sample of an imagined v1 shape where the field was called "when", then v2 renamed nothing.
        String v1 = "{\"orderId\":\"0192f0c8-3c4b-7d8e-9f00-000000000001\",\"when\":\"2026-11-24T10:15:30Z\"}";
        EventCodec upcasting = EventCodec.builder()
                .family(OrderEvent.class)
                .schemaVersion("OrderConfirmed", 3)
                .upcaster("OrderConfirmed", 1, node -> {
                    var copy = ((ObjectNode) node).deepCopy();
                    copy.set("at", copy.remove("when"));
                    return copy;
                })
                .upcaster("OrderConfirmed", 2, node -> node)
                .build();
        var decoded = upcasting.decode("OrderConfirmed", 1, v1);
        assertThat(decoded)
                .isEqualTo(new OrderEvent.OrderConfirmed(
                        OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000001"),
                        null,
                        java.time.Instant.parse("2026-11-24T10:15:30Z")));
        assertThat(upcasting.encode(decoded).schemaVersion()).isEqualTo(3);
        assertThatThrownBy(() -> codec.decode("OrderConfirmed", 1, v1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void eventsStoredBeforeTheyCarriedWhatTheirConsumersNeedReadWithThoseFieldsNull() {
        String order = "\"orderId\":\"0192f0c8-3c4b-7d8e-9f00-000000000001\"";
        String due = "\"dueAt\":\"2026-11-24T10:16:00Z\"";
        String at = "\"at\":\"2026-11-24T10:15:30Z\"";
        var id = OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000001");
        var dueAt = java.time.Instant.parse("2026-11-24T10:16:00Z");
        var atInstant = java.time.Instant.parse("2026-11-24T10:15:30Z");

        assertThat(codec.decode(
                        "ReservationRequested", 1, "{" + order + ",\"attempt\":1,\"step\":1," + due + "," + at + "}"))
                .isEqualTo(new CheckoutEvent.ReservationRequested(id, 1, 1, null, dueAt, atInstant));
        assertThat(codec.decode(
                        "PaymentRequested", 1, "{" + order + ",\"attempt\":2,\"step\":3," + due + "," + at + "}"))
                .isEqualTo(new CheckoutEvent.PaymentRequested(id, 2, 3, null, null, dueAt, atInstant));
        assertThat(codec.decode("OrderConfirmed", 1, "{" + order + "," + at + "}"))
                .isEqualTo(new OrderEvent.OrderConfirmed(id, null, atInstant));
        assertThat(List.of("ReservationRequested", "PaymentRequested", "OrderConfirmed"))
                .as("written in today's shape")
                .allSatisfy(type -> assertThat(codec.schemaVersion(type)).isEqualTo(2));
    }

    @Test
    void payloadBytesDecodeLikeTheirText() {
        for (DomainEvent event : Samples.oneOfEach().values()) {
            EventCodec.Encoded encoded = codec.encode(event);
            byte[] utf8 = encoded.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(codec.decode(encoded.type(), encoded.schemaVersion(), utf8))
                    .isEqualTo(codec.decode(encoded.type(), encoded.schemaVersion(), encoded.json()))
                    .isEqualTo(event);
        }
    }

    @Test
    void wrappedValuesOutsideTheirPlainJsonTypeStillMeetJacksonsChecks() {
        String id = "0192f0c8-3c4b-7d8e-9f00-000000000001";
        String at = "\"at\":\"2026-11-24T10:15:30Z\"";
        // not the canonical UUID form: refused by Jackson's UUID reader, as before the direct path
        assertThatThrownBy(() -> codec.decode(
                        "OrderConfirmed", 1, "{\"orderId\":\"0192f0c83c4b7d8e9f00000000000001xxxx\"," + at + "}"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(codec.decode("OrderConfirmed", 1, "{\"orderId\":\"" + id + "\"," + at + "}"))
                .isEqualTo(new OrderEvent.OrderConfirmed(
                        OrderId.parse(id), null, java.time.Instant.parse("2026-11-24T10:15:30Z")));
    }

    @Test
    void unknownOrTooNewTypesAreRefusedLoudly() {
        assertThatThrownBy(() -> codec.decode("NoSuchEvent", 1, "{}")).hasMessageContaining("unknown");
        assertThatThrownBy(() -> codec.decode("OrderConfirmed", 9, "{}")).hasMessageContaining("newer");
    }
}

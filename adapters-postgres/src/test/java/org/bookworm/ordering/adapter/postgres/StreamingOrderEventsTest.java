package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's streaming reader of order events against the codec's data binding: the same event for every payload
 * the codec writes, and for any other payload either the same event or no answer (so the caller binds it), never a
 * different event nor an event where binding refuses.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class StreamingOrderEventsTest {
    private final EventCodec codec = EventCodec.standard();
    private final ObjectMapper mapper = codec.mapper();
    private final StreamingOrderEvents streaming = new StreamingOrderEvents(codec);

    @Test
    void every_order_event_the_codec_writes_is_read_to_the_same_event() {
        var samples = new ArrayList<OrderEvent>(ContractFixtures.orderEventSamples());
        samples.addAll(ContractFixtures.partlyShippedHistory(ContractFixtures.ORDER));
        for (OrderEvent event : samples) {
            EventCodec.Encoded encoded = codec.encode(event);
            assertThat(streaming.read(encoded.type(), encoded.schemaVersion(), bytes(encoded.json())))
                    .as(encoded.json())
                    .isEqualTo(event)
                    .isEqualTo(codec.decode(encoded.type(), encoded.schemaVersion(), encoded.json()));
        }
        assertThat(samples.stream().map(Object::getClass).distinct())
                .hasSize(OrderEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void any_other_payload_is_read_as_binding_reads_it_or_left_to_binding() throws Exception {
        int answered = 0;
        int left = 0;
        for (OrderEvent event : ContractFixtures.orderEventSamples()) {
            EventCodec.Encoded encoded = codec.encode(event);
            for (String variant : variants((ObjectNode) mapper.readTree(encoded.json()))) {
                Object bound;
                try {
                    bound = codec.decode(encoded.type(), encoded.schemaVersion(), variant);
                } catch (RuntimeException refused) {
                    bound = null;
                }
                OrderEvent read = streaming.read(encoded.type(), encoded.schemaVersion(), bytes(variant));
                if (read == null) {
                    left++;
                } else {
                    answered++;
                    assertThat(read).as(variant).isNotNull().isEqualTo(bound);
                }
            }
        }
        assertThat(answered)
                .as("reordered and spaced-out payloads are still read")
                .isPositive();
        assertThat(left)
                .as("unknown, missing, repeated and mistyped fields are left to binding")
                .isPositive();
    }

    @Test
    void an_older_schema_version_or_another_type_is_left_to_binding() {
        var confirmed = codec.encode(ContractFixtures.confirmed(ContractFixtures.ORDER, ContractFixtures.T0));
        assertThat(streaming.read("OrderConfirmed", 1, bytes(confirmed.json()))).isNull();
        assertThat(streaming.read("BuyerCreated", 1, bytes("{}"))).isNull();
        assertThat(streaming.read("OrderTeleported", 1, bytes("{}"))).isNull();
        assertThat(streaming.read("OrderDeleted", 1, bytes("not json"))).isNull();
    }

    /** Reordered, spaced out, and with each field dropped, repeated, renamed or given a wrong type, at every depth. */
    private List<String> variants(ObjectNode payload) throws Exception {
        var variants = new ArrayList<String>();
        variants.add(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(payload));
        var reversed = mapper.createObjectNode();
        var names = new ArrayList<String>();
        payload.fieldNames().forEachRemaining(names::add);
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.set(names.get(i), payload.get(names.get(i)));
        }
        variants.add(mapper.writeValueAsString(reversed));
        for (ObjectNode object : objects(payload)) {
            var fields = new ArrayList<String>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode value = object.get(field);
                object.remove(field);
                variants.add(mapper.writeValueAsString(payload)); // dropped
                object.set(field + "X", value);
                variants.add(mapper.writeValueAsString(payload)); // renamed: unknown
                object.remove(field + "X");
                object.set(field, value.isTextual() ? mapper.getNodeFactory().numberNode(7) : TextNode.valueOf("7"));
                variants.add(mapper.writeValueAsString(payload)); // wrong type
                object.putNull(field);
                variants.add(mapper.writeValueAsString(payload)); // null
                object.set(field, value);
            }
            variants.add(mapper.writeValueAsString(payload).replaceFirst("\\{", "{\"zero\":false,"));
        }
        String json = mapper.writeValueAsString(payload);
        variants.add(json.replaceFirst("\\{\"orderId\":(\"[^\"]*\"),", "{\"orderId\":$1,\"orderId\":$1,"));
        variants.add(json + " {}");
        return variants;
    }

    /** Every object in the tree, the root first. */
    private static List<ObjectNode> objects(JsonNode node) {
        var found = new ArrayList<ObjectNode>();
        if (node instanceof ObjectNode object) {
            found.add(object);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            found.addAll(objects(children.next()));
        }
        return found;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}

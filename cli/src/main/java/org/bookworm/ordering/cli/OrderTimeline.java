package org.bookworm.ordering.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.postgres.DumpSelection;

/**
 * One order's whole story from the database: its {@code order-}, {@code checkout-} and {@code payment-} streams
 * share the order's id, so every event of that id, in log order, interleaves them as they happened.
 */
final class OrderTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderTimeline() {}

    static int print(Wiring wiring, AdminOptions options, String orderId, PrintWriter out) {
        UUID id = parse(orderId);
        var lines = new ArrayList<String>();
        try (var session = wiring.admin(options, true)) {
            session.pg().dump(new DumpSelection(null, id, List.of(), null, null), lines::add);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no events of order " + id);
        }
        if (options.json()) {
            lines.forEach(out::println);
        } else {
            out.printf("%-10s %-30s %-10s %3s  %s%n", "POSITION", "RECORDED", "STREAM", "V", "EVENT");
            for (String line : lines) {
                JsonNode event = read(line);
                out.printf(
                        "%-10s %-30s %-10s %3s  %s%n",
                        event.get("position").asText(),
                        event.get("recordedAt").asText(),
                        event.get("stream")
                                .asText()
                                .substring(0, event.get("stream").asText().indexOf('-')),
                        event.get("version").asText(),
                        event.get("type").asText());
            }
        }
        out.flush();
        return ExitCodes.DONE;
    }

    private static UUID parse(String orderId) {
        try {
            return UUID.fromString(orderId);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("an order id is a UUID, not '" + orderId + "'");
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException("the database wrote a line that is not JSON", impossible);
        }
    }
}

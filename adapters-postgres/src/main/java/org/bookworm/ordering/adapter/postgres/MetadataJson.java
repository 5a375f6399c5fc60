package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.jspecify.annotations.Nullable;

/**
 * Reads the stored audit metadata of an event with Jackson's streaming parser. Every event read parses one, so it
 * skips the data binding (which cost about as much as decoding the payload itself); it accepts exactly what the
 * codec's mapper writes for {@link Metadata}, in any key order (jsonb reorders keys), and refuses unknown
 * properties and missing required ones, as the binding did.
 */
final class MetadataJson {
    private final JsonFactory factory;

    MetadataJson(JsonFactory factory) {
        this.factory = factory;
    }

    /** {@code json} is UTF-8, as pgjdbc hands out a text column's bytes. */
    Metadata read(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            return read(parser);
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalStateException("stored metadata cannot be read", unreadable);
        }
    }

    private static Metadata read(JsonParser parser) throws IOException {
        require(parser, parser.nextToken() == JsonToken.START_OBJECT, "an object");
        String actor = null;
        List<String> roles = null;
        UUID correlation = null;
        UUID causation = null;
        String requestId = null;
        String onBehalfOf = null;
        String traceparent = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "actor" -> actor = text(parser);
                case "actorRoles" -> roles = texts(parser);
                case "correlationId" -> correlation = UUID.fromString(text(parser));
                case "causationId" -> causation = isNull(parser) ? null : UUID.fromString(text(parser));
                case "requestId" -> requestId = isNull(parser) ? null : text(parser);
                case "onBehalfOf" ->
                    onBehalfOf = isNull(parser) ? null : text(parser); // absent in events stored before it existed
                case "traceparent" ->
                    traceparent = isNull(parser) ? null : text(parser); // absent in events stored before ADR 0033
                default -> throw new JsonParseException(parser, "unknown metadata property '" + field + "'");
            }
        }
        require(parser, parser.currentToken() == JsonToken.END_OBJECT, "the end of the object");
        require(parser, parser.nextToken() == null, "nothing after the object");
        require(parser, actor != null && roles != null && correlation != null, "actor, actorRoles, correlationId");
        return new Metadata(actor, roles, correlation, causation, requestId, onBehalfOf, traceparent);
    }

    private static boolean isNull(JsonParser parser) {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    private static String text(JsonParser parser) throws IOException {
        require(parser, parser.currentToken() == JsonToken.VALUE_STRING, "a string");
        return parser.getText();
    }

    private static List<String> texts(JsonParser parser) throws IOException {
        require(parser, parser.currentToken() == JsonToken.START_ARRAY, "an array");
        var values = new ArrayList<String>(2);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            values.add(text(parser));
        }
        return values;
    }

    private static void require(JsonParser parser, boolean condition, String expected) throws JsonParseException {
        if (!condition) {
            @Nullable JsonToken token = parser.currentToken();
            throw new JsonParseException(parser, "expected " + expected + " in stored metadata, found " + token);
        }
    }
}

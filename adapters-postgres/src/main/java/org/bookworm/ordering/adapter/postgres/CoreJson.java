package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.util.UUID;
import java.util.function.Function;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of the core's records, without annotations on core types: one-value records are written as their
 * value ({@code "book": "0192..."}, not {@code {"value": ...}}), instants as ISO-8601 text, and unknown properties
 * are refused, so a payload that does not fit its schema version fails loudly instead of losing data.
 */
final class CoreJson {
    private CoreJson() {}

    static ObjectMapper mapper() {
        var values = new SimpleModule("bookworm-core-values");
        scalar(values, OrderId.class, OrderId::value, UUID.class, OrderId::new);
        scalar(values, BookId.class, BookId::value, UUID.class, BookId::new);
        scalar(values, BuyerId.class, BuyerId::value, UUID.class, BuyerId::new);
        scalar(values, Quantity.class, Quantity::value, Integer.class, Quantity::new);
        scalar(values, PersonName.class, PersonName::value, String.class, PersonName::new);
        scalar(values, EmailAddress.class, EmailAddress::value, String.class, EmailAddress::new);
        scalar(values, BookTitle.class, BookTitle::value, String.class, BookTitle::new);
        values.addKeyDeserializer(BookId.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return BookId.parse(key);
            }
        });
        return JsonMapper.builder()
                // accessors called through generated lambdas, not reflection (docs/dependencies.md)
                .addModule(new BlackbirdModule())
                .addModule(new ParameterNamesModule())
                .addModule(new JavaTimeModule())
                .addModule(values)
                .addMixIn(Money.class, MoneyMixin.class)
                .addMixIn(Metadata.class, MetadataMixin.class)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** An event written outside any trace stores no traceparent key: the stored form of older events, unchanged. */
    abstract static class MetadataMixin {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract @Nullable String traceparent();
    }

    /** Money is its two components; {@code isZero()} is a question, not a property. */
    abstract static class MoneyMixin {
        @JsonIgnore
        abstract boolean isZero();
    }

    private static <T, V> void scalar(
            SimpleModule module, Class<T> type, Function<T, V> value, Class<V> valueType, Function<V, T> create) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T item, JsonGenerator gen, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(value.apply(item), gen);
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
                return create.apply(valueType.cast(scalarValue(parser, ctxt, valueType)));
            }
        });
    }

    /**
     * The wrapped value: read straight from the current token when it has the exact JSON type, else through the
     * context as before (same coercions and errors). The direct path matters: {@code ctxt.readValue} builds the
     * JDK type's deserializer afresh on every call (Jackson does not cache them), a few values per event on every read.
     */
    private static @Nullable Object scalarValue(JsonParser parser, DeserializationContext ctxt, Class<?> valueType)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (valueType == UUID.class && token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (isCanonicalUuid(text)) {
                return UUID.fromString(text);
            }
        } else if (valueType == String.class && token == JsonToken.VALUE_STRING) {
            return parser.getText();
        } else if (valueType == Integer.class
                && token == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        return ctxt.readValue(parser, valueType);
    }

    // Only the canonical form takes the direct path; anything else meets Jackson's own checks and errors.
    private static boolean isCanonicalUuid(String text) {
        return text.length() == 36
                && text.charAt(8) == '-'
                && text.charAt(13) == '-'
                && text.charAt(18) == '-'
                && text.charAt(23) == '-';
    }
}

package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.ContainerSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Every property of every event (and of the records inside them, and of the metadata) is read through a generated
 * accessor: Blackbird's, or where Blackbird gives up, {@link RecordAccessors}'. Issue 13: Blackbird marks a property writer broken when the property's serializer is not one of
 * Jackson's own, and a broken writer reads its property through {@code Method.invoke}, which a JFR profile of the
 * checkout found in the event encoding. The check reads Blackbird's {@code broken} flag, its only witness.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventWritersTest {
    private final EventCodec codec = EventCodec.standard();

    @Test
    void no_property_of_an_event_or_its_metadata_is_read_by_reflection() throws Exception {
        SerializerProvider provider = codec.mapper().getSerializerProviderInstance();
        var reflective = new ArrayList<String>();
        for (DomainEvent event : Samples.oneOfEach().values()) {
            collect(provider, provider.findValueSerializer(event.getClass()), reflective);
        }
        collect(provider, provider.findValueSerializer(Metadata.class), reflective);
        assertThat(reflective).as("properties read by reflection").isEmpty();
    }

    private static void collect(SerializerProvider provider, JsonSerializer<?> serializer, List<String> reflective)
            throws ReflectiveOperationException, JsonMappingException {
        if (serializer instanceof ContainerSerializer<?> container && container.getContentSerializer() != null) {
            collect(provider, container.getContentSerializer(), reflective);
        }
        if (!(serializer instanceof BeanSerializerBase bean)) {
            return;
        }
        for (Iterator<PropertyWriter> properties = bean.properties(); properties.hasNext(); ) {
            var writer = (BeanPropertyWriter) properties.next();
            String name = bean.handledType().getSimpleName() + "." + writer.getName();
            if (writer instanceof RecordAccessors.Writer) {
                // generated accessor of ours
            } else if (!writer.getClass().getPackageName().startsWith("com.fasterxml.jackson.module.blackbird")) {
                reflective.add(name + " (" + writer.getClass().getSimpleName() + ")");
            } else if (broken(writer)) {
                reflective.add(name + " (broken: " + describe(writer.getSerializer()) + ")");
            }
            if (writer.getSerializer() != null) {
                collect(provider, writer.getSerializer(), reflective);
            }
        }
    }

    private static String describe(JsonSerializer<?> serializer) {
        return serializer == null ? "none" : serializer.getClass().getName();
    }

    private static boolean broken(BeanPropertyWriter writer) throws ReflectiveOperationException {
        for (Class<?> type = writer.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals("broken") && field.getType() == boolean.class) {
                    field.setAccessible(true);
                    return field.getBoolean(writer);
                }
            }
        }
        throw new AssertionError(writer.getClass() + " has no broken flag: Blackbird changed, revisit this test");
    }
}

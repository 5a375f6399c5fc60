package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class RepeatedMetadataTest {
    private final EventCodec codec = EventCodec.standard();
    private final Metadata first = new Metadata("svc", List.of("system"), UUID.randomUUID(), null, null);
    private final Metadata second = new Metadata("ada", List.of("user"), UUID.randomUUID(), UUID.randomUUID(), "r-1");

    @Test
    void the_same_bytes_in_a_row_give_the_same_metadata_read_once() {
        var reader = new RepeatedMetadata(codec);
        Metadata one = reader.read(bytes(first));
        Metadata again = reader.read(bytes(first));
        assertThat(one).isEqualTo(first);
        assertThat(again).isSameAs(one);
    }

    @Test
    void other_bytes_are_read_again_and_an_earlier_value_is_not_confused_with_them() {
        var reader = new RepeatedMetadata(codec);
        assertThat(reader.read(bytes(first))).isEqualTo(first);
        assertThat(reader.read(bytes(second))).isEqualTo(second);
        assertThat(reader.read(bytes(first))).isEqualTo(first);
    }

    @Test
    void unreadable_metadata_is_refused_every_time_and_leaves_the_last_good_one_alone() {
        var reader = new RepeatedMetadata(codec);
        Metadata good = reader.read(bytes(first));
        byte[] broken = "{\"actor\": 1".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.read(broken)).isInstanceOf(IllegalStateException.class);
        assertThat(reader.read(bytes(first))).isSameAs(good);
    }

    private byte[] bytes(Metadata metadata) {
        return codec.write(metadata).getBytes(StandardCharsets.UTF_8);
    }
}

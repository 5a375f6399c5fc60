package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class StreamTypeTest {
    private static final Pattern DOCUMENTED = Pattern.compile("[a-z][a-z0-9]{0,31}");
    private static final String ALPHABET = "az09AZ-_#é mq5";

    @Test
    void a_prefix_is_a_lower_case_letter_then_up_to_31_lower_case_letters_or_digits() {
        assertThat(StreamType.of("order").prefix()).isEqualTo("order");
        assertThat(StreamType.of("a").prefix()).isEqualTo("a");
        assertThat(StreamType.of("a" + "9".repeat(31)).prefix()).hasSize(32);
        for (String refused : new String[] {"", "9order", "Order", "or-der", "a" + "b".repeat(32), "ordér"}) {
            assertThatThrownBy(() -> StreamType.of(refused))
                    .as(refused)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a stream type is lower-case letters and digits");
        }
        assertThatThrownBy(() -> new StreamType(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactly_the_prefixes_the_documented_pattern_matches_are_accepted() {
        long seed = Long.getLong("ordering.prop.seed", new SplittableRandom().nextLong());
        var random = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            var prefix = new StringBuilder();
            int length = random.nextInt(36);
            for (int at = 0; at < length; at++) {
                prefix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = prefix.toString();
            boolean accepted;
            try {
                StreamType.of(candidate);
                accepted = true;
            } catch (IllegalArgumentException refused) {
                accepted = false;
            }
            assertThat(accepted)
                    .as("seed %d, '%s'", seed, candidate)
                    .isEqualTo(DOCUMENTED.matcher(candidate).matches());
        }
    }
}

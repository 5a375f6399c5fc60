package org.bookworm.ordering.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The address's shape, checked by hand, accepts exactly what the documented regular expression accepted. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailAddressShapeTest {
    private static final Pattern DOCUMENTED = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final String[] PIECES = {
        "a",
        "b",
        "Z",
        "0",
        ".",
        "..",
        "@",
        "@@",
        " ",
        "\t",
        "\n",
        "\u000B",
        "\f",
        "\r",
        "\u00A0",
        "é",
        "+",
        "-",
        "\uD83D\uDE00",
        "\u202E",
        "a".repeat(30),
        "x".repeat(63),
        "example",
        "org"
    };

    @Test
    void exactly_the_addresses_the_documented_pattern_matches_are_accepted() {
        long seed = Long.getLong("ordering.prop.seed", new SplittableRandom().nextLong());
        var random = new SplittableRandom(seed);
        for (int i = 0; i < 50_000; i++) {
            var text = new StringBuilder();
            int pieces = 1 + random.nextInt(9);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String candidate = text.toString();
            assertThat(accepted(candidate))
                    .as("seed %d, '%s'", seed, candidate)
                    .isEqualTo(clean(candidate) && DOCUMENTED.matcher(candidate).matches());
        }
    }

    @Test
    void the_edges_of_the_shape_are_where_the_pattern_put_them() {
        for (String candidate : new String[] {
            "a@b.c",
            "@b.c",
            "a@.c",
            "a@b.",
            "a@b",
            "a@b..c",
            "a@@b.c",
            "a b@c.d",
            "a@b c.d",
            "a@b.c@d.e",
            "x".repeat(64) + "@b.c",
            "x".repeat(65) + "@b.c",
            "\uD83D\uDE00".repeat(64) + "@b.c",
            "a@b.c.d",
            "a.@b.c"
        }) {
            assertThat(accepted(candidate))
                    .as(candidate)
                    .isEqualTo(clean(candidate) && DOCUMENTED.matcher(candidate).matches());
        }
    }

    private static boolean accepted(String candidate) {
        try {
            new EmailAddress(candidate);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static boolean clean(String candidate) {
        try {
            Texts.requireClean(candidate, "e-mail address", 254);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}

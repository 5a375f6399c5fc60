package org.bookworm.ordering.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.bookworm.ordering.core.testing.Property.Shrink;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The meta-tests of the harness: a false property fails, names its seed, and the seed replays the same failure. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PropertyTest {
    private static final Pattern SEED = Pattern.compile("-Dordering\\.prop\\.seed=(-?\\d+)");

    private static final Function<SplittableRandom, Integer> INTS = random -> random.nextInt(0, 10_000);
    private static final Function<SplittableRandom, List<Integer>> LISTS =
            random -> IntStream.range(0, random.nextInt(0, 50))
                    .mapToObj(i -> random.nextInt(0, 1_000))
                    .toList();

    @Test
    void a_false_property_fails_with_its_seed_and_the_printed_seed_replays_the_same_failure() {
        Property fresh = Property.withSeed(new SplittableRandom().nextLong());
        AssertionError first = catchThrowableOfType(
                AssertionError.class,
                () -> fresh.verify(
                        "ints are small",
                        1_000,
                        INTS,
                        Shrink.none(),
                        value -> assertThat(value).isLessThan(9_000)));

        assertThat(first).isNotNull();
        var matcher = SEED.matcher(first.getMessage());
        assertThat(matcher.find())
                .as("the failure names the seed: %s", first.getMessage())
                .isTrue();
        long printed = Long.parseLong(matcher.group(1));
        assertThat(printed).isEqualTo(fresh.rootSeed());
        assertThat(first.getMessage()).contains("ints are small", "try ", "counterexample: ");

        AssertionError replayed = catchThrowableOfType(
                AssertionError.class,
                () -> Property.withSeed(printed)
                        .verify(
                                "ints are small",
                                1_000,
                                INTS,
                                Shrink.none(),
                                value -> assertThat(value).isLessThan(9_000)));
        assertThat(replayed).isNotNull();
        assertThat(replayed.getMessage()).isEqualTo(first.getMessage());
    }

    @Test
    void the_same_seed_generates_the_same_values_in_the_same_order() {
        var first = new ArrayList<List<Integer>>();
        var second = new ArrayList<List<Integer>>();
        Property.withSeed(42).verify("record", 200, LISTS, Shrink.none(), first::add);
        Property.withSeed(42).verify("record", 200, LISTS, Shrink.none(), second::add);
        var other = new ArrayList<List<Integer>>();
        Property.withSeed(43).verify("record", 200, LISTS, Shrink.none(), other::add);

        assertThat(first).hasSize(200).isEqualTo(second).isNotEqualTo(other);
    }

    @Test
    void a_true_property_passes_every_try() {
        var seen = new ArrayList<Integer>();
        assertThatCode(() -> Property.withSeed(7).verify("ints are in range", 1_000, INTS, Shrink.ints(), value -> {
                    seen.add(value);
                    assertThat(value).isBetween(0, 9_999);
                }))
                .doesNotThrowAnyException();
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void a_failing_int_shrinks_to_the_smallest_counterexample() {
        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> Property.withSeed(1)
                        .verify(
                                "below 500",
                                1_000,
                                INTS,
                                Shrink.ints(),
                                value -> assertThat(value).isLessThan(500)));

        assertThat(failure.getMessage()).contains("counterexample: 500\n", "shrunk from: ");
    }

    @Test
    void a_failing_list_shrinks_to_one_minimal_element() {
        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> Property.withSeed(3)
                        .verify(
                                "no element above 100",
                                1_000,
                                LISTS,
                                Shrink.lists(Shrink.ints()),
                                list -> assertThat(list).allMatch(element -> element <= 100)));

        assertThat(failure.getMessage()).contains("counterexample: [101]\n");
    }

    @Test
    void shrinking_can_keep_a_required_first_element() {
        AssertionError failure = catchThrowableOfType(
                AssertionError.class,
                () -> Property.withSeed(5)
                        .verify(
                                "no element above 100 after the head",
                                1_000,
                                random -> List.of(
                                        -1,
                                        random.nextInt(0, 1_000),
                                        random.nextInt(0, 1_000),
                                        random.nextInt(0, 1_000)),
                                Shrink.listsKeepingFirst(1, Shrink.ints()),
                                list -> assertThat(list.subList(1, list.size())).allMatch(element -> element <= 100)));

        assertThat(failure.getMessage()).contains("counterexample: [-1, 101]\n");
    }

    @Test
    void a_predicate_that_is_false_fails_like_an_assertion() {
        assertThatThrownBy(() -> Property.checkThat("every int is even", 1_000, INTS, value -> value % 2 == 0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("every int is even")
                .hasMessageContaining("-Dordering.prop.seed=");
    }

    @Test
    void the_seed_comes_from_the_system_property_or_is_drawn_fresh() {
        assertThat(Property.seedFrom("12345")).isEqualTo(12345L);
        assertThat(Property.seedFrom("-9")).isEqualTo(-9L);
        // an unset Maven property arrives as its own expression: a fresh seed, not an error
        assertThat(List.of(Property.seedFrom("${ordering.prop.seed}"), Property.seedFrom(null), Property.seedFrom("")))
                .doesNotHaveDuplicates();
        assertThatThrownBy(() -> Property.seedFrom("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ordering.prop.seed");
    }

    @Test
    void more_tries_can_be_asked_for_but_never_fewer() {
        assertThat(Property.triesFrom("100000")).isEqualTo(100_000);
        assertThat(Property.triesFrom(null)).isZero();
        assertThat(Property.triesFrom("${ordering.prop.tries}")).isZero();
        assertThatThrownBy(() -> Property.triesFrom("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_generator_that_throws_is_reported_with_the_seed() {
        assertThatThrownBy(() -> Property.withSeed(9)
                        .verify(
                                "broken generator",
                                10,
                                random -> {
                                    throw new IllegalStateException("boom");
                                },
                                Shrink.none(),
                                value -> {}))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 9")
                .hasRootCauseMessage("boom");
    }
}

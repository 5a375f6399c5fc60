package org.bookworm.ordering.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Our own seeded property harness over {@link SplittableRandom} (no jqwik). A property is checked on {@code tries}
 * values drawn by a generator, a {@code Function<SplittableRandom, T>}. The root seed comes from the system property
 * {@value #SEED_PROPERTY} or is drawn fresh; try {@code i} uses the {@code i}-th seed split from the root, so the
 * same root seed replays the same values in the same order. Every failure message prints the root seed, the try and
 * the (shrunk) counterexample, and how to replay it: {@code -Dordering.prop.seed=<seed>}.
 *
 * <p>Tries: the number the test asks for (1,000 in CI), unless {@value #TRIES_PROPERTY} asks for more (100,000 in
 * the nightly run). Shrinking covers ints and lists only ({@link Shrink}): the failing value is replaced by the first
 * smaller candidate that still fails, until no candidate fails.
 */
public final class Property {
    public static final String SEED_PROPERTY = "ordering.prop.seed";
    public static final String TRIES_PROPERTY = "ordering.prop.tries";
    public static final int DEFAULT_TRIES = 1_000;

    /** Enough shrink steps for a list of hundreds of elements, few enough to always end. */
    static final int MAX_SHRINK_STEPS = 2_000;

    private final long rootSeed;
    private final int minimumTries;

    private Property(long rootSeed, int minimumTries) {
        this.rootSeed = rootSeed;
        this.minimumTries = minimumTries;
    }

    /** An assertion on one generated value: it passes by returning, fails by throwing (AssertJ or plain). */
    @FunctionalInterface
    public interface Assertion<T> {
        void verify(T value) throws Exception;
    }

    /** The harness as configured by the system properties of this run. */
    public static Property configured() {
        return new Property(seedFrom(System.getProperty(SEED_PROPERTY)), triesFrom(System.getProperty(TRIES_PROPERTY)));
    }

    /** A harness with a fixed root seed, for replaying a failure from code. */
    public static Property withSeed(long rootSeed) {
        return new Property(rootSeed, 0);
    }

    public long rootSeed() {
        return rootSeed;
    }

    /** Checks that {@code assertion} passes for {@code tries} generated values. */
    public static <T> void check(
            String name, int tries, Function<SplittableRandom, T> generator, Assertion<T> assertion) {
        configured().verify(name, tries, generator, Shrink.none(), assertion);
    }

    /** As {@link #check(String, int, Function, Assertion)}, shrinking a failing value with {@code shrink}. */
    public static <T> void check(
            String name, int tries, Function<SplittableRandom, T> generator, Shrink<T> shrink, Assertion<T> assertion) {
        configured().verify(name, tries, generator, shrink, assertion);
    }

    /** Checks that {@code predicate} holds for {@code tries} generated values. */
    public static <T> void checkThat(
            String name, int tries, Function<SplittableRandom, T> generator, Predicate<? super T> predicate) {
        configured().verify(name, tries, generator, Shrink.none(), asAssertion(predicate));
    }

    public static <T> void checkThat(
            String name,
            int tries,
            Function<SplittableRandom, T> generator,
            Shrink<T> shrink,
            Predicate<? super T> predicate) {
        configured().verify(name, tries, generator, shrink, asAssertion(predicate));
    }

    /** Runs the property with this harness's seed; throws an {@link AssertionError} naming seed and try on failure. */
    public <T> void verify(
            String name, int tries, Function<SplittableRandom, T> generator, Shrink<T> shrink, Assertion<T> assertion) {
        Objects.requireNonNull(name, "name");
        if (tries < 1) {
            throw new IllegalArgumentException("a property needs at least one try, not " + tries);
        }
        int effectiveTries = Math.max(tries, minimumTries);
        SplittableRandom root = new SplittableRandom(rootSeed);
        for (int attempt = 1; attempt <= effectiveTries; attempt++) {
            SplittableRandom random = root.split();
            T value;
            try {
                value = generator.apply(random);
            } catch (RuntimeException generatorBroke) {
                throw new AssertionError(header(name, attempt, effectiveTries) + "the generator threw", generatorBroke);
            }
            Throwable failure = failureOf(assertion, value);
            if (failure != null) {
                throw report(name, attempt, effectiveTries, value, failure, shrink, assertion);
            }
        }
    }

    private <T> AssertionError report(
            String name,
            int attempt,
            int tries,
            T original,
            Throwable originalFailure,
            Shrink<T> shrink,
            Assertion<T> assertion) {
        T smallest = original;
        Throwable smallestFailure = originalFailure;
        int steps = 0;
        boolean shrunk = true;
        while (shrunk && steps < MAX_SHRINK_STEPS) {
            shrunk = false;
            for (T candidate : (Iterable<T>) shrink.candidates(smallest)::iterator) {
                if (++steps > MAX_SHRINK_STEPS) {
                    break;
                }
                Throwable failure = failureOf(assertion, candidate);
                if (failure != null) {
                    smallest = candidate;
                    smallestFailure = failure;
                    shrunk = true;
                    break;
                }
            }
        }
        String message = header(name, attempt, tries)
                + "counterexample: " + smallest
                + (smallest.equals(original) ? "" : "\n  shrunk from:    " + original)
                + "\n  failure:        " + smallestFailure
                + "\n  replay with:    -D" + SEED_PROPERTY + "=" + rootSeed;
        return new AssertionError(message, smallestFailure);
    }

    private String header(String name, int attempt, int tries) {
        return "property '" + name + "' failed on try " + attempt + " of " + tries + " with seed " + rootSeed + "\n  ";
    }

    private static <T> @Nullable Throwable failureOf(Assertion<T> assertion, T value) {
        try {
            assertion.verify(value);
            return null;
        } catch (Exception | AssertionError failed) {
            return failed;
        }
    }

    private static <T> Assertion<T> asAssertion(Predicate<? super T> predicate) {
        return value -> {
            if (!predicate.test(value)) {
                throw new AssertionError("the predicate is false");
            }
        };
    }

    /** The root seed: the given text as a decimal long, or a fresh one when the text is absent or unresolved. */
    static long seedFrom(@Nullable String text) {
        if (text == null || text.isBlank() || text.startsWith("${")) {
            // Maven passes an unset ${ordering.prop.seed} through literally: that means "no seed asked for"
            return new SplittableRandom().nextLong();
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException notALong) {
            throw new IllegalArgumentException(SEED_PROPERTY + " must be a decimal long, not '" + text + "'");
        }
    }

    static int triesFrom(@Nullable String text) {
        if (text == null || text.isBlank() || text.startsWith("${")) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException notAnInt) {
            throw new IllegalArgumentException(TRIES_PROPERTY + " must be a decimal int, not '" + text + "'");
        }
    }

    /**
     * How to make a failing value smaller: a lazy stream of candidates, each strictly simpler than the value (so
     * shrinking ends). Only ints and lists shrink; other values are reported as generated.
     */
    @FunctionalInterface
    public interface Shrink<T> {
        Stream<T> candidates(T value);

        static <T> Shrink<T> none() {
            return value -> Stream.empty();
        }

        /** Towards zero: 0, then halving the distance, then one step closer. */
        static Shrink<Integer> ints() {
            return towards(0);
        }

        /** Towards {@code target}, for ints bounded below or above (a quantity shrinks towards 1). */
        static Shrink<Integer> towards(int target) {
            return value -> {
                if (value == target) {
                    return Stream.empty();
                }
                long distance = (long) value - target;
                List<Integer> candidates = new ArrayList<>();
                candidates.add(target);
                for (long step = distance / 2; step != 0; step /= 2) {
                    candidates.add((int) (value - step));
                }
                candidates.add(value - Long.signum(distance));
                return candidates.stream().distinct().filter(candidate -> candidate != value.intValue());
            };
        }

        /** Shorter lists first (halves, then each element left out), never shrinking the elements. */
        static <E> Shrink<List<E>> lists() {
            return lists(none());
        }

        /**
         * Shorter lists first: the empty list, each half, lists with one chunk left out, then each element left out;
         * then lists with one element shrunk by {@code elements}.
         */
        static <E> Shrink<List<E>> lists(Shrink<E> elements) {
            return list -> {
                int size = list.size();
                Stream<List<E>> shorter = Stream.empty();
                for (int chunk = size; chunk >= 1; chunk /= 2) {
                    int length = chunk;
                    Stream<List<E>> removals = Stream.iterate(
                                    0, start -> start + length <= size, start -> start + length)
                            .map(start -> without(list, start, length));
                    shorter = Stream.concat(shorter, removals);
                }
                Stream<List<E>> smallerElements = Stream.iterate(0, index -> index < size, index -> index + 1)
                        .flatMap(index ->
                                elements.candidates(list.get(index)).map(smaller -> with(list, index, smaller)));
                return Stream.concat(shorter, smallerElements).distinct();
            };
        }

        /** Shrinks the prefix that must stay (a list of commands that must start with a PlaceOrder, say) alone. */
        static <E> Shrink<List<E>> listsKeepingFirst(int kept, Shrink<E> elements) {
            Shrink<List<E>> rest = lists(elements);
            return list -> list.size() <= kept
                    ? Stream.empty()
                    : rest.candidates(list.subList(kept, list.size())).map(tail -> {
                        List<E> candidate = new ArrayList<>(list.subList(0, kept));
                        candidate.addAll(tail);
                        return List.copyOf(candidate);
                    });
        }

        private static <E> List<E> without(List<E> list, int start, int length) {
            List<E> shorter = new ArrayList<>(list.subList(0, start));
            shorter.addAll(list.subList(start + length, list.size()));
            return List.copyOf(shorter);
        }

        private static <E> List<E> with(List<E> list, int index, E element) {
            List<E> copy = new ArrayList<>(list);
            copy.set(index, element);
            return List.copyOf(copy);
        }
    }
}

package org.bookworm.ordering.adapter.grpc;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many calls a caller may make, per group of methods, and how many the whole server takes: each limit is a
 * bucket of {@code capacity} calls refilled by {@code capacity} every {@code period} (so {@code 100/10s} allows a
 * burst of 100 and 10 a second on average). A caller is the token's subject, or the peer's host for calls without a
 * token. Written on the command line as {@code GROUP=CAPACITY/PERIOD[,...]}, e.g. {@code write=20/1s,checkout=5/10s};
 * groups left out keep their limit.
 *
 * @param perCaller the limit of each {@link MethodGroup}, for each caller apart
 * @param server the limit of all calls of all callers together
 */
public record RateLimits(Map<MethodGroup, Limit> perCaller, Limit server) {
    /** The name of the whole-server limit in the written form. */
    public static final String SERVER = "server";

    private static final Pattern ENTRY = Pattern.compile("([a-z]+)=(\\d{1,12})/(\\d{1,9})(ms|s|m|h)");

    public RateLimits {
        perCaller = Map.copyOf(perCaller);
        for (MethodGroup group : MethodGroup.values()) {
            if (!perCaller.containsKey(group)) {
                throw new IllegalArgumentException("no rate limit for the " + group.label() + " group");
            }
        }
    }

    /** A bucket of {@code capacity} calls, refilled by that many every {@code period}. */
    public record Limit(long capacity, Duration period) {
        public Limit {
            if (capacity < 1) {
                throw new IllegalArgumentException("a rate limit allows at least 1 call, not " + capacity);
            }
            if (period.compareTo(Duration.ofMillis(1)) < 0 || period.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("a rate limit's period is between 1 ms and 1 day, not " + period);
            }
        }

        @Override
        public String toString() {
            return capacity + "/" + period.toMillis() + "ms";
        }
    }

    /**
     * The limits of {@code --rate-limit N}: N calls a second per caller for reads, writes and admin calls, a tenth of
     * that (at least 1) for checkouts, and 100 times N for the whole server.
     */
    public static RateLimits perSecond(long calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("the rate limit is at least 1 call per second");
        }
        var second = Duration.ofSeconds(1);
        var groups = new EnumMap<MethodGroup, Limit>(MethodGroup.class);
        for (MethodGroup group : MethodGroup.values()) {
            groups.put(group, new Limit(group == MethodGroup.CHECKOUT ? Math.max(1, calls / 10) : calls, second));
        }
        return new RateLimits(groups, new Limit(Math.multiplyExact(calls, 100), second));
    }

    /** These limits with the entries of {@code written} ({@code GROUP=CAPACITY/PERIOD,...}) in place of their own. */
    public RateLimits with(String written) {
        var groups = new EnumMap<MethodGroup, Limit>(perCaller);
        Limit whole = server;
        for (String entry : written.split(",", -1)) {
            Matcher parsed = ENTRY.matcher(entry.strip().toLowerCase(Locale.ROOT));
            if (!parsed.matches()) {
                throw malformed(written);
            }
            var limit = new Limit(Long.parseLong(parsed.group(2)), period(parsed.group(3), parsed.group(4)));
            if (parsed.group(1).equals(SERVER)) {
                whole = limit;
            } else {
                groups.put(MethodGroup.byLabel(parsed.group(1)).orElseThrow(() -> malformed(written)), limit);
            }
        }
        return new RateLimits(groups, whole);
    }

    private static Duration period(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            default -> Duration.ofHours(value);
        };
    }

    private static IllegalArgumentException malformed(String written) {
        return new IllegalArgumentException(
                "rate limits '" + written + "' are not GROUP=CAPACITY/PERIOD[,...] with GROUP"
                        + " one of " + MethodGroup.labels() + ", " + SERVER + " and PERIOD like 500ms, 1s, 10m or 1h,"
                        + " e.g. write=20/1s,checkout=5/10s");
    }
}

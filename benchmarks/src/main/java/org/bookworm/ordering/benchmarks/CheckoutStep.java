package org.bookworm.ordering.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * What one open-loop checkout offer ({@link CheckoutOpenLoad}) did. The window is the offer's length from its start on the wall clock, which on one machine is
 * the server's clock too.
 *
 * @param turn microseconds from each acknowledged turn's intended start to PlaceOrder's answer
 * @param placeOrder microseconds from PlaceOrder's sending to its answer
 * @param busy turns skipped because the buyer's previous turn was still unanswered
 * @param basketHeld turns skipped because the buyer's basket was still held by the previous checkout
 * @param shed calls answered RESOURCE_EXHAUSTED and sent again after the server's delay
 * @param unavailable calls answered UNAVAILABLE and sent again after a back-off
 * @param ledger acknowledged order id to buyer
 * @param doubled order ids acknowledged to more than one turn
 * @param errors unexpected errors by call and code, each with the server's first description
 */
record CheckoutStep(
        ArrivalSchedule schedule,
        Instant windowStart,
        Instant windowEnd,
        long arrivals,
        long acknowledged,
        Histogram turn,
        Histogram placeOrder,
        long busy,
        long basketHeld,
        long shed,
        long unavailable,
        Map<String, PlaceOrderLoad.Unexpected> errors,
        Map<String, UUID> ledger,
        List<String> doubled) {
    double acknowledgedPerSecond() {
        return acknowledged / (schedule.length().toNanos() / 1e9);
    }

    long held() {
        return busy + basketHeld;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(error -> error.count().get()).sum();
    }
}

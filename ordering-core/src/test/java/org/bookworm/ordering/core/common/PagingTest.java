package org.bookworm.ordering.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.usd;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page sizes and page tokens: defaults, caps, and tokens that only continue the list they came from. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PagingTest {
    private static final Instant PLACED_AT = T0.plusNanos(123_456_789);
    private static final OrderSummary LAST =
            new OrderSummary(ORDER, BUYER_ID, OrderStatus.CONFIRMED, usd("33.99"), 2, PLACED_AT, 2);

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void size_zero_means_twenty_and_sizes_above_a_hundred_are_capped() {
        assertThat(PageRequest.first(0).size()).isEqualTo(20);
        assertThat(PageRequest.first(1).size()).isEqualTo(1);
        assertThat(PageRequest.first(100).size()).isEqualTo(100);
        assertThat(PageRequest.first(101).size()).isEqualTo(100);
        assertThat(PageRequest.first(Integer.MAX_VALUE).size()).isEqualTo(100);
    }

    @Test
    void a_negative_size_is_refused() {
        assertThatThrownBy(() -> PageRequest.first(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a page size cannot be negative");
    }

    @Test
    void an_empty_token_is_the_first_page() {
        assertThat(new PageRequest(10, "").token()).isNull();
        assertThat(new OrderQuery(null, null, new PageRequest(10, "")).cursor()).isEmpty();
    }

    @Test
    void a_token_continues_after_the_last_order_of_its_page_to_the_nanosecond() {
        var first = new OrderQuery(BUYER_ID, OrderStatus.CONFIRMED, PageRequest.first(10));
        String token = first.tokenAfter(LAST);

        var next = new OrderQuery(BUYER_ID, OrderStatus.CONFIRMED, new PageRequest(10, token));

        assertThat(next.cursor()).contains(new OrderQuery.Cursor(PLACED_AT, ORDER));
        assertThat(token).doesNotContain("=", "+", "/");
    }

    @Test
    void a_token_is_bound_to_its_filter() {
        String token = new OrderQuery(BUYER_ID, null, PageRequest.first(10)).tokenAfter(LAST);

        assertThatThrownBy(() -> new OrderQuery(null, null, new PageRequest(10, token)))
                .isInstanceOf(InvalidPageToken.class)
                .hasMessage("invalid page token: it belongs to another filter");
        assertThatThrownBy(() -> new OrderQuery(BUYER_ID, OrderStatus.PLACED, new PageRequest(10, token)))
                .hasMessage("invalid page token: it belongs to another filter");
        // the page size may change between pages
        assertThat(new OrderQuery(BUYER_ID, null, new PageRequest(50, token)).cursor())
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"!!!", "not base64 at all", "*/*", "*/*|1|2", "*/*|x|0|" + "0192f0c8-3c4b-7d8e-9f00-000000000001"
            })
    void a_malformed_token_is_refused(String raw) {
        String token = raw.startsWith("*/*") ? encode(raw) : raw;
        assertThatThrownBy(() -> new OrderQuery(null, null, new PageRequest(10, token)))
                .isInstanceOf(InvalidPageToken.class)
                .hasMessage("invalid page token: not one this server gave");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*/*|9000000000000000|0|", // far beyond 2262: overflowed as epoch nanoseconds in a store
                "*/*|-9000000000000000|0|",
                "*/*|9223372036|0|",
                "*/*|1767225600|-1|",
                "*/*|1767225600|1000000000|",
                "*/*|99999999999999999999|0|"
            })
    void a_token_whose_position_no_store_can_keep_is_refused(String raw) {
        String token = encode(raw + ORDER);
        assertThatThrownBy(() -> new OrderQuery(null, null, new PageRequest(10, token)))
                .isInstanceOf(InvalidPageToken.class)
                .hasMessageStartingWith("invalid page token: ");
    }

    @Test
    void positions_at_the_ends_of_the_kept_range_continue() {
        for (Instant end :
                List.of(Instant.ofEpochSecond(9_223_372_035L, 999_999_999), Instant.ofEpochSecond(-9_223_372_035L))) {
            var last = new OrderSummary(ORDER, BUYER_ID, OrderStatus.CONFIRMED, usd("1.00"), 1, end, 1);
            String token = new OrderQuery(null, null, PageRequest.first(10)).tokenAfter(last);

            assertThat(new OrderQuery(null, null, new PageRequest(10, token)).cursor())
                    .contains(new OrderQuery.Cursor(end, ORDER));
        }
    }

    @Test
    void a_token_naming_the_nil_order_is_malformed() {
        String token = encode("*/*|0|0|00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> new OrderQuery(null, null, new PageRequest(10, token)))
                .hasMessage("invalid page token: not one this server gave");
    }
}

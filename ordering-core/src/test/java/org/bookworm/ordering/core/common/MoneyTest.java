package org.bookworm.ordering.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.bookworm.ordering.core.common.Money.InvalidMoney;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(ReplaceUnderscores.class)
class MoneyTest {
    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void arithmetic_is_exact_in_minor_units() {
        assertThat(usd("0.10").plus(usd("0.20"))).isEqualTo(usd("0.30"));
        assertThat(usd("0.10").times(3)).isEqualTo(usd("0.30"));
        assertThat(usd("0.30").minus(usd("0.10"))).isEqualTo(usd("0.20"));
        assertThat(usd("12.5").minorUnits()).isEqualTo(1250);
        assertThat(usd("12.50")).isEqualTo(usd("12.5"));
        assertThat(Money.sum(List.of(usd("0.01"), usd("0.02"), usd("0.07")), Money.currency("USD")))
                .isEqualTo(usd("0.10"));
        assertThat(usd("999.99").times(99).toBigDecimal()).isEqualByComparingTo(new BigDecimal("98999.01"));
        assertThat(Money.of("100", "JPY").minorUnits()).isEqualTo(100);
        assertThat(Money.of("1.234", "BHD").minorUnits()).isEqualTo(1234);
    }

    @Test
    void comparisons_follow_the_amount() {
        assertThat(usd("2.00").isGreaterThan(usd("1.99"))).isTrue();
        assertThat(usd("2.00").min(usd("1.99"))).isEqualTo(usd("1.99"));
        assertThat(usd("0.00").isZero()).isTrue();
        assertThat(Money.zero(Money.currency("EUR"))).isEqualTo(Money.of("0", "EUR"));
    }

    @Test
    void the_ceiling_is_ten_million_and_anything_above_is_refused() {
        assertThat(usd("10000000.00").minorUnits()).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> usd("10000000.01"))
                .isInstanceOf(InvalidMoney.class)
                .hasMessageContaining("above 10000000 USD");
        assertThatThrownBy(() -> new Money(Long.MAX_VALUE, Money.currency("USD")))
                .isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> usd("6000000").plus(usd("6000000"))).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> usd("1").times(Integer.MAX_VALUE)).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> usd("1e30")).isInstanceOf(InvalidMoney.class).hasMessageContaining("too large");
    }

    @Test
    void a_long_overflow_is_refused_not_wrapped() {
        // three decimals: ten million BHD is 10^10 minor units, and times MAX_VALUE passes Long.MAX_VALUE
        Money most = Money.of("10000000", "BHD");
        assertThatThrownBy(() -> most.times(Integer.MAX_VALUE))
                .isInstanceOf(InvalidMoney.class)
                .hasMessage("the amount overflows");
    }

    @Test
    void a_value_finer_than_the_minor_unit_is_refused_not_rounded() {
        assertThatThrownBy(() -> usd("0.001"))
                .isInstanceOf(InvalidMoney.class)
                .hasMessage("0.001 has more than 2 decimals for USD");
        assertThatThrownBy(() -> Money.of("100.5", "JPY")).isInstanceOf(InvalidMoney.class);
        assertThat(usd("1.500")).isEqualTo(usd("1.50"));
    }

    @Test
    void negative_amounts_are_refused() {
        assertThatThrownBy(() -> new Money(-1, Money.currency("USD")))
                .isInstanceOf(InvalidMoney.class)
                .hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> usd("-0.01")).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> usd("0.10").minus(usd("0.11")))
                .isInstanceOf(InvalidMoney.class)
                .hasMessage("0.11 USD is more than 0.10 USD");
        assertThatThrownBy(() -> usd("1").times(-1)).isInstanceOf(InvalidMoney.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "Usd", "XXXX", "US", "", " USD", "ABC", "US1"})
    @NullSource
    void a_currency_that_is_not_a_known_upper_case_iso_code_is_refused(String code) {
        assertThatThrownBy(() -> Money.currency(code)).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> Money.of("1.00", code)).isInstanceOf(InvalidMoney.class);
    }

    @Test
    void a_currency_without_minor_unit_is_refused() {
        assertThatThrownBy(() -> new Money(1, Money.currency("XXX")))
                .isInstanceOf(InvalidMoney.class)
                .hasMessageContaining("no minor unit");
    }

    @Test
    void text_that_is_not_a_number_is_refused() {
        assertThatThrownBy(() -> usd("twelve")).isInstanceOf(InvalidMoney.class).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> usd("1,50")).isInstanceOf(InvalidMoney.class);
    }

    @Test
    void currencies_never_mix() {
        Money euros = Money.of("1.00", "EUR");
        assertThatThrownBy(() -> usd("1.00").plus(euros))
                .isInstanceOf(InvalidMoney.class)
                .hasMessage("cannot mix USD and EUR");
        assertThatThrownBy(() -> usd("1.00").minus(euros)).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> usd("1.00").compareTo(euros)).isInstanceOf(InvalidMoney.class);
        assertThatThrownBy(() -> Money.sum(List.of(euros), Money.currency("USD")))
                .isInstanceOf(InvalidMoney.class);
        assertThat(usd("1.00")).isNotEqualTo(euros);
    }

    @Test
    void to_string_is_plain_digits_at_the_currency_scale_and_the_code() {
        assertThat(usd("12.5")).hasToString("12.50 USD");
        assertThat(usd("0")).hasToString("0.00 USD");
        assertThat(usd("10000000")).hasToString("10000000.00 USD");
        assertThat(Money.of("100", "JPY")).hasToString("100 JPY");
        assertThat(Money.of("1.5", "BHD")).hasToString("1.500 BHD");
    }
}

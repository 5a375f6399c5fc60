package org.bookworm.ordering.core.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An exact amount of one currency, held as minor units (cents for USD). Amounts are never negative: refunds and
 * releases are separate movements, not negative money. Arithmetic is exact: an overflow, a currency mix or a value
 * finer than the currency's minor unit is refused with {@link InvalidMoney}; nothing is rounded.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    /** Ten million in major units: far above any bookshop order, far below {@code long} overflow when multiplied. */
    public static final long MAX_MAJOR_UNITS = 10_000_000L;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidMoney("currency " + currency.getCurrencyCode() + " has no minor unit");
        }
        if (minorUnits < 0) {
            throw new InvalidMoney("an amount cannot be negative: " + minorUnits);
        }
        if (minorUnits > MAX_MAJOR_UNITS * minorPerMajor(currency)) {
            throw new InvalidMoney(
                    "an amount above " + MAX_MAJOR_UNITS + " " + currency.getCurrencyCode() + " is refused");
        }
    }

    /** Parses an ISO 4217 code: exactly three upper-case letters of a known currency. */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidMoney("a currency is three upper-case letters (ISO 4217), not '" + code + "'");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidMoney("unknown currency '" + code + "'");
        }
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public static Money of(String amount, String currencyCode) {
        try {
            return of(new BigDecimal(amount), currency(currencyCode));
        } catch (NumberFormatException notANumber) {
            throw new InvalidMoney("'" + amount + "' is not a decimal amount");
        }
    }

    /** Exact conversion: refuses a value with more decimals than the currency has. */
    public static Money of(BigDecimal amount, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidMoney(amount.toPlainString() + " has more than " + digits + " decimals for "
                    + currency.getCurrencyCode());
        }
        try {
            return new Money(amount.movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException tooLarge) {
            throw new InvalidMoney(amount.toPlainString() + " is too large");
        }
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(exact(() -> Math.addExact(minorUnits, other.minorUnits)), currency);
    }

    /** The difference; refuses to go below zero. */
    public Money minus(Money other) {
        requireSameCurrency(other);
        if (other.minorUnits > minorUnits) {
            throw new InvalidMoney(other + " is more than " + this);
        }
        return new Money(minorUnits - other.minorUnits, currency);
    }

    public Money times(int factor) {
        if (factor < 0) {
            throw new InvalidMoney("cannot multiply money by a negative number");
        }
        return new Money(exact(() -> Math.multiplyExact(minorUnits, factor)), currency);
    }

    public static Money sum(List<Money> amounts, Currency currency) {
        Money total = zero(currency);
        for (Money amount : amounts) {
            total = total.plus(amount);
        }
        return total;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** {@code 12.50 USD}: plain digits, never a locale-dependent separator. */
    @Override
    public String toString() {
        return toBigDecimal()
                        .setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY)
                        .toPlainString()
                + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new InvalidMoney(
                    "cannot mix " + currency.getCurrencyCode() + " and " + other.currency.getCurrencyCode());
        }
    }

    private static long minorPerMajor(Currency currency) {
        return (long) Math.pow(10, currency.getDefaultFractionDigits());
    }

    private static long exact(java.util.function.LongSupplier operation) {
        try {
            return operation.getAsLong();
        } catch (ArithmeticException overflow) {
            throw new InvalidMoney("the amount overflows");
        }
    }

    /** A refused amount: negative, over-precise, too large, of an unknown currency or of mixed currencies. */
    public static final class InvalidMoney extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidMoney(String message) {
            super(message);
        }
    }
}

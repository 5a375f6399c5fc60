package org.bookworm.ordering.core.common;

/** An e-mail address: one {@code @}, no spaces, no control characters (so no header injection), at most 254. */
public record EmailAddress(String value) {
    private static final int MAX_LOCAL_PART = 64;

    public EmailAddress {
        Texts.requireClean(value, "e-mail address", 254);
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("'" + Texts.shorten(value) + "' is not an e-mail address");
        }
    }

    /**
     * {@code [^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+}, checked by hand rather than by a regular expression: every order
     * placed that a projection reads from the log carries its buyer's address.
     */
    private static boolean wellFormed(String value) {
        int at = value.indexOf('@');
        if (at < 1 || value.codePointCount(0, at) > MAX_LOCAL_PART) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            if (whitespace(value.charAt(i))) {
                return false;
            }
        }
        int dots = 0;
        int label = 0;
        for (int i = at + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@' || whitespace(c) || (c == '.' && label == 0)) {
                return false;
            }
            dots += c == '.' ? 1 : 0;
            label = c == '.' ? 0 : label + 1;
        }
        return dots > 0 && label > 0;
    }

    /** What {@code \s} matches: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}

package org.bookworm.ordering.core.common;

/**
 * Validation of free text that people type (names, address lines). Refused: blank text, text longer than the field
 * allows, control characters (NUL, CR, LF, tab...) and invisible format characters (bidirectional overrides such as
 * U+202E, zero-width spaces). Everything else, emoji included, is kept byte for byte: nothing is trimmed or rewritten.
 */
public final class Texts {
    private Texts() {}

    public static String requireClean(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new IllegalArgumentException(field + " is longer than " + maxLength + " characters");
        }
        // a plain loop, not codePoints(): every event a projection reads checks its names and addresses here
        for (int at = 0; at < value.length(); ) {
            int codePoint = value.codePointAt(at);
            if (invisibleOrControl(codePoint)) {
                throw new IllegalArgumentException(
                        field + " contains the invisible or control character U+" + String.format("%04X", codePoint));
            }
            at += Character.charCount(codePoint);
        }
        return value;
    }

    private static boolean invisibleOrControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    /** For error messages: at most 40 characters of what the caller sent. */
    static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}

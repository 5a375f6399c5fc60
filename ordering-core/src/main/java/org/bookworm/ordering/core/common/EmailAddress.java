package org.bookworm.ordering.core.common;

import java.util.regex.Pattern;

/** An e-mail address: one {@code @}, no spaces, no control characters (so no header injection), at most 254. */
public record EmailAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public EmailAddress {
        Texts.requireClean(value, "e-mail address", 254);
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + Texts.shorten(value) + "' is not an e-mail address");
        }
    }
}

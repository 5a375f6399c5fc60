package org.bookworm.ordering.core.common;

import org.jspecify.annotations.Nullable;

/** A page of a list: size 0 means 20, sizes above 100 are capped at 100; the token continues an earlier page. */
public record PageRequest(int size, @Nullable String token) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (size < 0) {
            throw new IllegalArgumentException("a page size cannot be negative");
        }
        size = size == 0 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        if (token != null && token.isEmpty()) {
            token = null;
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, null);
    }
}

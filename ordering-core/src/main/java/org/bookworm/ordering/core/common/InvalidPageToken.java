package org.bookworm.ordering.core.common;

/** A page token this server did not hand out, or one handed out for another list or filter. Nothing was read. */
public final class InvalidPageToken extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPageToken(String reason) {
        super("invalid page token: " + reason);
    }
}

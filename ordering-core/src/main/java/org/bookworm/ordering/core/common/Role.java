package org.bookworm.ordering.core.common;

/** What a caller may do: buyers act on their own things, admins on anything, the system runs checkout. */
public enum Role {
    USER,
    ADMIN,
    SYSTEM
}

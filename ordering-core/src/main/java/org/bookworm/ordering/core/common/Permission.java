package org.bookworm.ordering.core.common;

import org.jspecify.annotations.Nullable;

/**
 * Who may run a command (ADR 0016, 0027): the one value each use case states for each command, checked in one place
 * against the {@link Caller}. Roles decide; scopes are not checked. What a buyer may not even see (another buyer's
 * order or profile) is answered as unknown by the use case before any permission is asked.
 */
public enum Permission {
    /** The buyer who owns what is acted on, admins (acting on the buyer's behalf) and the system's services. */
    OWNER,
    /** Admins and the system's services; the owning buyer is refused (shipping, deleting). */
    ADMIN,
    /** The system's services only (checkout confirming or failing an order). */
    SYSTEM;

    /**
     * True if {@code caller} may run a command of this permission on what {@code owner} owns. With no owner (nothing
     * exists yet to own, say an order never placed), only the roles of {@link #ADMIN} and {@link #SYSTEM} matter and
     * the use case answers the rest.
     */
    public boolean grants(Caller caller, @Nullable BuyerId owner) {
        boolean service = caller.roles().contains(Role.SYSTEM);
        boolean admin = caller.roles().contains(Role.ADMIN);
        return switch (this) {
            case OWNER -> service || admin || owner == null || caller.subject().equals(owner.toString());
            case ADMIN -> service || admin;
            case SYSTEM -> service;
        };
    }
}

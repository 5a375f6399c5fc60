package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.UUID;

/** What happened to one outbox row. */
public sealed interface EmailEvent {
    UUID id();

    record EmailQueued(UUID id, Email email, Instant at) implements EmailEvent {}

    /** The e-mail was due but has no address: recorded as unsendable, never tried. */
    record EmailUnsendable(UUID id, Email email, Instant at) implements EmailEvent {}

    /** A deliverer took the e-mail: no other takes it before {@code until} unless its attempt is recorded first. */
    record EmailClaimed(UUID id, Instant until) implements EmailEvent {}

    /** A deliverer gave its claim back unattempted: any deliverer may take the e-mail at once. */
    record EmailUnclaimed(UUID id) implements EmailEvent {}

    record EmailSent(UUID id, Instant at) implements EmailEvent {}

    /** An attempt failed; the e-mail is due again at {@code retryAt}. */
    record SendFailed(UUID id, String error, Instant retryAt) implements EmailEvent {}

    /** An attempt failed and there will be no other until an operator resends. */
    record EmailDead(UUID id, String error) implements EmailEvent {}

    /** A failed e-mail (dead, or waiting for a retry) is due again at {@code at}, with a new give-up window. */
    record EmailRevived(UUID id, Instant at) implements EmailEvent {}

    /** A finished row (sent, or unsendable) was cleaned up. */
    record EmailPurged(UUID id) implements EmailEvent {}
}

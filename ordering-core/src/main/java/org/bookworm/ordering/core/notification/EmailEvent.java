package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.UUID;

/** What happened to one outbox row. */
public sealed interface EmailEvent {
    UUID id();

    record EmailQueued(UUID id, Email email, Instant at) implements EmailEvent {}

    record EmailSent(UUID id, Instant at) implements EmailEvent {}

    /** An attempt failed; the e-mail is due again at {@code retryAt}. */
    record SendFailed(UUID id, String error, Instant retryAt) implements EmailEvent {}

    /** An attempt failed and there will be no other until an operator resends. */
    record EmailDead(UUID id, String error) implements EmailEvent {}

    /** A dead e-mail got a new round of attempts, due at {@code at}. */
    record EmailRevived(UUID id, Instant at) implements EmailEvent {}

    /** A sent e-mail's row was cleaned up. */
    record EmailPurged(UUID id) implements EmailEvent {}
}

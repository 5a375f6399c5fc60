package org.bookworm.ordering.core.notification;

import org.bookworm.ordering.core.ordering.OrderFacts;

/**
 * Notification's port for the services whose events call for an e-mail (ADR 0027): queues one e-mail per order and
 * kind. Ordering's follow-up reactor sees this port, never the outbox, the templates or the service.
 */
public interface EmailRequests {
    /** Queues the e-mail of this kind for the order; false if the order already has one. */
    boolean enqueue(EmailKind kind, OrderFacts order);
}

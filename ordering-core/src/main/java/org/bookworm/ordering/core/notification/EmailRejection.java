package org.bookworm.ordering.core.notification;

import java.util.UUID;
import org.bookworm.ordering.core.order.OrderId;

/** Why an outbox row refused a command; nothing changed. */
public sealed interface EmailRejection {
    UUID id();

    String message();

    /** The order already has an e-mail of this kind (whatever its stage): a redelivered event sends nothing twice. */
    record AlreadyQueued(UUID id, OrderId order, EmailKind kind, UUID existing) implements EmailRejection {
        public String message() {
            return "order " + order + " already has its " + kind + " e-mail (" + existing + ")";
        }
    }

    record UnknownEmail(UUID id) implements EmailRejection {
        public String message() {
            return "no e-mail " + id + " in the outbox";
        }
    }

    /** The command makes no sense at the row's stage (marking a sent e-mail failed, resending a pending one). */
    record NotAllowed(UUID id, String action, String stage) implements EmailRejection {
        public String message() {
            return "cannot " + action + " a " + stage + " e-mail";
        }
    }
}

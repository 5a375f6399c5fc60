package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderId;

/** Why an outbox row refused a command; nothing changed. */
sealed interface EmailRejection {
    UUID id();

    String message();

    /** The order already has an e-mail of this kind (whatever its stage): a redelivered event sends nothing twice. */
    record AlreadyQueued(UUID id, OrderId order, EmailKind kind, UUID existing) implements EmailRejection {
        public String message() {
            return "order " + order + " already has its " + kind + " e-mail (" + existing + ")";
        }
    }

    /** Not due yet (its retry time has not come, or another deliverer holds it). */
    record NotDue(UUID id, Instant dueAt) implements EmailRejection {
        public String message() {
            return "e-mail " + id + " is not due before " + dueAt;
        }
    }

    record UnknownEmail(UUID id) implements EmailRejection {
        public String message() {
            return "no e-mail " + id + " in the outbox";
        }
    }

    /**
     * The command makes no sense at the row's stage (marking a sent e-mail failed, resending one that never failed).
     */
    record NotAllowed(UUID id, String action, String stage) implements EmailRejection {
        public String message() {
            return "cannot " + action + " a " + stage + " e-mail";
        }
    }
}

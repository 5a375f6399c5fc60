package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.BuyerId;

/** Why a buyer profile refused a command. */
public sealed interface BuyerRejection {
    BuyerId buyerId();

    String message();

    record BuyerAlreadyExists(BuyerId buyerId) implements BuyerRejection {
        public String message() {
            return "a buyer profile already exists for this user: update its address instead";
        }
    }

    /** No profile, a deleted one, or (for a buyer) another user's: indistinguishable on purpose. */
    record UnknownBuyer(BuyerId buyerId) implements BuyerRejection {
        public String message() {
            return "no buyer profile: create one first";
        }
    }

    /**
     * An admin named a buyer that has no profile (none, or deleted): worded for the admin, who acts on someone else's
     * profile and cannot create it for them. {@code BuyerService} answers it in place of {@link UnknownBuyer}.
     */
    record NoSuchBuyer(BuyerId buyerId) implements BuyerRejection {
        public String message() {
            return "no buyer " + buyerId;
        }
    }
}

package org.bookworm.ordering.core.notification;

import org.bookworm.ordering.core.common.Published;

/**
 * The e-mails of an order; each is sent at most once per order. Subjects are BookWorm's where BookWorm has the e-mail
 * (spec §10.1: "Received Successfully", "Completed and Shipped", "Canceled - Important Information"); the status word
 * is Ordering's own spelling (BookWorm defect 14).
 */
@Published
public enum EmailKind {
    /** BookWorm's "received" e-mail, sent when checkout confirms the order. */
    CONFIRMED("BookWorm: Your Order Has Been Received Successfully", "Confirmed"),
    FAILED("BookWorm: We Could Not Complete Your Order", "Failed"),
    SHIPPED("BookWorm: Your Order Is On Its Way", "Shipped"),
    CANCELLED("BookWorm: Your Order Has Been Canceled - Important Information", "Cancelled"),
    COMPLETED("BookWorm: Your Order Has Been Completed and Shipped", "Completed");

    private final String subject;
    private final String status;

    EmailKind(String subject, String status) {
        this.subject = subject;
        this.status = status;
    }

    public String subject() {
        return subject;
    }

    /** The status word the e-mail shows, in Ordering's own spelling (BookWorm defect 14). */
    public String status() {
        return status;
    }
}

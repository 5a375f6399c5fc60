package org.bookworm.ordering.core.notification;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderLine;

/**
 * Renders an order's e-mails in BookWorm's wording (spec §10.2: heading "Order Notification", "Hello {name},", the
 * table of Order ID, Status, Total Amount and Order Date, the contact line, "Best regards, BookWorm Team" and a footer
 * with the year), as plain text and as HTML with every value escaped. The date shown is the order's own placement
 * date (UTC, {@code yyyy-MM-dd}) and the total is the order's, never the render day (BookWorm defect 14); the footer's
 * year is the rendering's. The greeting says "Customer" when the buyer's name is anonymous or blank. Pure: the same
 * order rendered at the same instant gives the same e-mail.
 */
final class EmailTemplates {
    static final String HEADING = "Order Notification";
    static final String CONTACT = "If you have any questions about your order, please don't hesitate to contact us.";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** What an e-mail says, once; the text and the HTML are two layouts of it. */
    record Content(
            String greeting,
            String opening,
            List<Detail> details,
            List<String> lines,
            String closing,
            String signature,
            String footer) {}

    /** One row of the details table. */
    record Detail(String label, String value) {}

    private EmailTemplates() {}

    /** The e-mail of this kind for the order, rendered at {@code at}. */
    public static Email render(EmailKind kind, OrderFacts order, Instant at) {
        String name = greeting(order.buyer().name());
        Content content = new Content(
                "Hello " + name + ",",
                opening(kind) + " Here are your order details:",
                List.of(
                        new Detail("Order ID", order.id().toString()),
                        new Detail("Status", kind.status()),
                        new Detail("Total Amount", format(order.total())),
                        new Detail("Order Date", DATE.format(order.placedAt()))),
                order.lines().stream().map(EmailTemplates::line).toList(),
                CONTACT,
                "BookWorm Team",
                "© " + at.atZone(ZoneOffset.UTC).getYear() + " BookWorm. All rights reserved.");
        return new Email(
                order.id(),
                kind,
                order.buyer().email(),
                name,
                kind.subject(),
                text(content),
                EmailHtml.render(kind.subject(), content));
    }

    static String text(Content content) {
        var text = new StringBuilder(HEADING).append("\n\n");
        text.append(content.greeting()).append("\n\n").append(content.opening()).append("\n\n");
        content.details()
                .forEach(detail -> text.append(detail.label())
                        .append(": ")
                        .append(detail.value())
                        .append('\n'));
        text.append('\n');
        content.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append('\n')
                .append(content.closing())
                .append("\n\nBest regards,\n")
                .append(content.signature());
        return text.append("\n\n").append(content.footer()).append('\n').toString();
    }

    static String greeting(PersonName name) {
        return name.value().isBlank() ? "Customer" : name.greeting();
    }

    /** en-US currency text: {@code $99.99}; other currencies with their own symbol. */
    public static String format(Money amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(amount.currency());
        return format.format(amount.toBigDecimal());
    }

    private static String line(OrderLine line) {
        return line.quantity().value() + " x " + line.title().value() + " at " + format(line.unitPrice());
    }

    private static String opening(EmailKind kind) {
        return switch (kind) {
            case CONFIRMED -> "Thank you for your order.";
            case FAILED -> "We are sorry: we could not complete your order, and nothing was charged.";
            case SHIPPED -> "Good news: your books are on their way.";
            case CANCELLED -> "Your order has been cancelled, and any authorized payment has been released.";
            case COMPLETED -> "Your order is complete. Thank you for shopping with BookWorm.";
        };
    }
}

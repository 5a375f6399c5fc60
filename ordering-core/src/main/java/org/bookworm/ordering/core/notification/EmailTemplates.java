package org.bookworm.ordering.core.notification;

import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.order.OrderFacts;
import org.bookworm.ordering.core.order.OrderLine;

/**
 * Renders an order's e-mails. The date shown is the order's own placement date (UTC, {@code yyyy-MM-dd}) and the
 * total is the order's, never the render day (BookWorm defect 14); the greeting says "Customer" when the buyer's name
 * is anonymous or blank. Pure: the same order renders the same text.
 */
public final class EmailTemplates {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private EmailTemplates() {}

    public static Email render(EmailKind kind, OrderFacts order) {
        String name = greeting(order.buyer().name());
        var body = new StringBuilder()
                .append("Hello ")
                .append(name)
                .append(",\n\n")
                .append(opening(kind))
                .append("\n\n")
                .append("Order ID: ")
                .append(order.id())
                .append('\n')
                .append("Status: ")
                .append(kind.status())
                .append('\n')
                .append("Total Amount: ")
                .append(format(order.total()))
                .append('\n')
                .append("Order Date: ")
                .append(DATE.format(order.placedAt()))
                .append("\n\n");
        for (OrderLine line : order.lines()) {
            body.append("  ")
                    .append(line.quantity().value())
                    .append(" x ")
                    .append(line.title().value())
                    .append(" at ")
                    .append(format(line.unitPrice()))
                    .append('\n');
        }
        body.append("\nQuestions? Reply to this e-mail.\n\nBookWorm Team\n");
        return new Email(order.id(), kind, order.buyer().email(), name, kind.subject(), body.toString());
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

    private static String opening(EmailKind kind) {
        return switch (kind) {
            case CONFIRMED -> "Thank you for your order: we have reserved your books and authorized your payment.";
            case FAILED -> "We are sorry: we could not complete your order. Nothing was charged.";
            case SHIPPED -> "Good news: your books are on their way.";
            case CANCELLED -> "Your order has been cancelled. Any authorized payment has been released.";
            case COMPLETED -> "Your order is complete. Thank you for shopping with BookWorm.";
        };
    }
}

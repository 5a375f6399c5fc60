package org.bookworm.ordering.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailTemplatesTest {
    private static final OrderId ORDER = new OrderId(UUID.fromString("0192f0c8-2222-7000-8000-000000000001"));
    private static final Instant PLACED = Instant.parse("2025-12-31T23:30:00Z");
    private static final Instant RENDERED = Instant.parse("2026-01-02T08:00:00Z");

    private static OrderFacts order(PersonName name) {
        return order(name, new EmailAddress("ada@example.com"), "Dune");
    }

    private static OrderFacts order(PersonName name, @Nullable EmailAddress email, String title) {
        var line = new OrderLine(
                new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001")),
                new BookTitle(title),
                Quantity.of(2),
                Money.of("12.50", "USD"));
        return new OrderFacts(
                ORDER,
                new BuyerSnapshot(new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000001")), name, email),
                new Address("1 Main St", "Seattle", "WA"),
                List.of(line),
                Money.of("25.00", "USD"),
                Map.of(),
                PLACED,
                false);
    }

    @Test
    void an_email_shows_the_orders_own_date_and_total_never_the_render_day() {
        Email email = EmailTemplates.render(EmailKind.CONFIRMED, order(new PersonName("Ada Lovelace")), RENDERED);

        assertThat(email.body())
                .contains("Hello Ada Lovelace,")
                .contains("Order ID: " + ORDER)
                .contains("Status: Confirmed")
                .contains("Total Amount: $25.00")
                .contains("Order Date: 2025-12-31")
                .contains("2 x Dune at $12.50");
        assertThat(email.to()).isEqualTo(new EmailAddress("ada@example.com"));
        assertThat(email.toName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void the_wording_is_bookworms_in_text_and_in_html() {
        Email email = EmailTemplates.render(EmailKind.CONFIRMED, order(new PersonName("Ada")), RENDERED);

        for (String part : List.of(email.body(), email.html())) {
            assertThat(part)
                    .contains("Order Notification")
                    .contains("Hello Ada,")
                    .contains("Thank you for your order. Here are your order details:")
                    .contains("If you have any questions about your order, please don")
                    .contains("Best regards,")
                    .contains("BookWorm Team")
                    .contains("2026 BookWorm. All rights reserved.");
        }
        assertThat(email.html())
                .startsWith("<!doctype html>")
                .contains("<strong>Order ID:</strong></td><td", ORDER.toString())
                .contains("<strong>Total Amount:</strong></td>", "$25.00")
                .contains("<strong>Order Date:</strong></td>", "2025-12-31");
    }

    @Test
    void the_subjects_are_bookworms_where_bookworm_sends_the_email() {
        assertThat(EmailKind.CONFIRMED.subject()).isEqualTo("BookWorm: Your Order Has Been Received Successfully");
        assertThat(EmailKind.COMPLETED.subject()).isEqualTo("BookWorm: Your Order Has Been Completed and Shipped");
        assertThat(EmailKind.CANCELLED.subject())
                .isEqualTo("BookWorm: Your Order Has Been Canceled - Important Information");
    }

    @Test
    void every_value_in_the_html_is_escaped() {
        var hostile = new PersonName("<script>alert('x')</script> & \"Bob\"");
        Email email = EmailTemplates.render(
                EmailKind.SHIPPED, order(hostile, new EmailAddress("bob@example.com"), "Tom & Jerry <b>"), RENDERED);

        assertThat(email.html())
                .doesNotContain("<script>", "<b>", "'x'")
                .contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bob&quot;,")
                .contains("2 x Tom &amp; Jerry &lt;b&gt; at $12.50");
        // the text part is plain text: shown as written
        assertThat(email.body()).contains("Hello <script>alert('x')</script> & \"Bob\",");
    }

    @Test
    void an_anonymous_buyer_is_greeted_as_customer() {
        Email email = EmailTemplates.render(EmailKind.FAILED, order(PersonName.ANONYMOUS), RENDERED);

        assertThat(email.body()).contains("Hello Customer,");
        assertThat(email.toName()).isEqualTo("Customer");
    }

    @Test
    void a_buyer_without_an_address_gets_an_email_that_cannot_be_sent() {
        Email email = EmailTemplates.render(EmailKind.CONFIRMED, order(new PersonName("Ada"), null, "Dune"), RENDERED);

        assertThat(email.to()).isNull();
        assertThat(email.sendable()).isFalse();
    }

    @Test
    void every_kind_has_its_own_subject_and_status_and_renders_the_same_text_twice() {
        for (EmailKind kind : EmailKind.values()) {
            Email email = EmailTemplates.render(kind, order(new PersonName("Ada")), RENDERED);
            assertThat(email.subject()).isEqualTo(kind.subject()).startsWith("BookWorm: ");
            assertThat(email.body()).contains("Status: " + kind.status());
            assertThat(EmailTemplates.render(kind, order(new PersonName("Ada")), RENDERED))
                    .isEqualTo(email);
        }
        assertThat(List.of(EmailKind.values()).stream().map(EmailKind::subject).distinct())
                .hasSize(EmailKind.values().length);
    }

    @Test
    void a_text_only_email_gets_its_text_as_escaped_html() {
        var email = new Email(ORDER, EmailKind.CONFIRMED, null, "Ada", "Subject", "a < b\nc");

        assertThat(email.html()).contains("a &lt; b\nc").contains("<pre");
    }

    @Test
    void amounts_are_formatted_in_us_currency_style() {
        assertThat(EmailTemplates.format(Money.of("0", "USD"))).isEqualTo("$0.00");
        assertThat(EmailTemplates.format(Money.of("1249.5", "USD"))).isEqualTo("$1,249.50");
    }
}

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
import org.bookworm.ordering.core.order.BuyerSnapshot;
import org.bookworm.ordering.core.order.OrderFacts;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderLine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailTemplatesTest {
    private static final OrderId ORDER = new OrderId(UUID.fromString("0192f0c8-2222-7000-8000-000000000001"));
    private static final Instant PLACED = Instant.parse("2025-12-31T23:30:00Z");

    private static OrderFacts order(PersonName name) {
        var line = new OrderLine(
                new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001")),
                new BookTitle("Dune"),
                Quantity.of(2),
                Money.of("12.50", "USD"));
        return new OrderFacts(
                ORDER,
                new BuyerSnapshot(
                        new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000001")),
                        name,
                        new EmailAddress("ada@example.com")),
                new Address("1 Main St", "Seattle", "WA"),
                List.of(line),
                Money.of("25.00", "USD"),
                Map.of(),
                PLACED,
                false);
    }

    @Test
    void an_email_shows_the_orders_own_date_and_total_never_the_render_day() {
        Email email = EmailTemplates.render(EmailKind.CONFIRMED, order(new PersonName("Ada Lovelace")));

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
    void an_anonymous_buyer_is_greeted_as_customer() {
        Email email = EmailTemplates.render(EmailKind.FAILED, order(PersonName.ANONYMOUS));

        assertThat(email.body()).startsWith("Hello Customer,");
        assertThat(email.toName()).isEqualTo("Customer");
    }

    @Test
    void every_kind_has_its_own_subject_and_status_and_renders_the_same_text_twice() {
        for (EmailKind kind : EmailKind.values()) {
            Email email = EmailTemplates.render(kind, order(new PersonName("Ada")));
            assertThat(email.subject()).isEqualTo(kind.subject()).startsWith("BookWorm: ");
            assertThat(email.body()).contains("Status: " + kind.status());
            assertThat(EmailTemplates.render(kind, order(new PersonName("Ada"))))
                    .isEqualTo(email);
        }
        assertThat(List.of(EmailKind.values()).stream().map(EmailKind::subject).distinct())
                .hasSize(EmailKind.values().length);
    }

    @Test
    void amounts_are_formatted_in_us_currency_style() {
        assertThat(EmailTemplates.format(Money.of("0", "USD"))).isEqualTo("$0.00");
        assertThat(EmailTemplates.format(Money.of("1249.5", "USD"))).isEqualTo("$1,249.50");
    }
}

package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.EmailRequests;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link EmailRequests} promises: one e-mail per order and kind, rendered from the order's facts as they
 * were sent (a client across a process boundary must carry them whole). A subclass hands out the port under test and
 * the outbox it writes to, fresh and empty.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class EmailRequestsContract {
    /** The port under test and the outbox where its e-mails land. */
    public record Emails(EmailRequests requests, EmailOutbox outbox) {}

    protected abstract Emails emptyEmails();

    private EmailRequests requests;
    private EmailOutbox outbox;

    @BeforeEach
    final void createEmails() {
        var emails = emptyEmails();
        requests = emails.requests();
        outbox = emails.outbox();
    }

    private String impl() {
        return requests.getClass().getSimpleName();
    }

    private static OrderFacts order() {
        var placed = ContractFixtures.placed(new OrderId(UUID.randomUUID()));
        return new OrderFacts(
                placed.orderId(),
                placed.buyer(),
                placed.shippingAddress(),
                placed.lines(),
                placed.total(),
                Map.of(ContractFixtures.DUNE, 1),
                placed.at(),
                false);
    }

    private Email queued(OrderFacts order, EmailKind kind) {
        return outbox.find(order.id(), kind).orElseThrow().email();
    }

    @Test
    void the_first_request_of_a_kind_queues_the_email_rendered_from_the_orders_facts() {
        var order = order();

        assertThat(requests.enqueue(EmailKind.CONFIRMED, order)).as(impl()).isTrue();

        Email email = queued(order, EmailKind.CONFIRMED);
        assertThat(email.to()).as(impl()).isEqualTo(ContractFixtures.EMAIL);
        assertThat(email.toName()).as(impl()).isEqualTo(ContractFixtures.NAME.value());
        assertThat(email.subject()).as(impl()).isEqualTo(EmailKind.CONFIRMED.subject());
        order.lines()
                .forEach(line -> assertThat(email.body())
                        .as(impl())
                        .contains(line.title().value()));
    }

    @Test
    void asking_again_for_the_same_order_and_kind_queues_nothing_and_another_kind_is_its_own() {
        var order = order();
        requests.enqueue(EmailKind.CONFIRMED, order);
        Email first = queued(order, EmailKind.CONFIRMED);

        assertThat(requests.enqueue(EmailKind.CONFIRMED, order)).as(impl()).isFalse();
        assertThat(requests.enqueue(EmailKind.SHIPPED, order)).as(impl()).isTrue();

        assertThat(queued(order, EmailKind.CONFIRMED)).as(impl()).isEqualTo(first);
        assertThat(outbox.find(order.id(), EmailKind.SHIPPED)).as(impl()).isPresent();
    }

    @Test
    void a_buyer_without_an_email_address_is_queued_as_unsendable() {
        var facts = order();
        var order = new OrderFacts(
                facts.id(),
                new BuyerSnapshot(facts.buyer().id(), facts.buyer().name(), null),
                facts.shippingAddress(),
                facts.lines(),
                facts.total(),
                Map.<BookId, Integer>of(),
                facts.placedAt(),
                false);

        assertThat(requests.enqueue(EmailKind.FAILED, order)).as(impl()).isTrue();

        assertThat(queued(order, EmailKind.FAILED).to()).as(impl()).isNull();
        assertThat(outbox.find(order.id(), EmailKind.FAILED).orElseThrow().status())
                .as(impl())
                .isEqualTo(EmailOutbox.Status.UNSENDABLE);
    }
}

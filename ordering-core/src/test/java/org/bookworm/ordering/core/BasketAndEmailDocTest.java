package org.bookworm.ordering.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.DomainDocTest.cellOf;
import static org.bookworm.ordering.core.DomainDocTest.checkEveryCell;
import static org.bookworm.ordering.core.DomainDocTest.recordsOf;
import static org.bookworm.ordering.core.DomainDocTest.table;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.DUNE_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.EMMA_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.T1;
import static org.bookworm.ordering.core.testing.OrderSamples.T9;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.basket.BasketCommand;
import org.bookworm.ordering.core.basket.BasketDecider;
import org.bookworm.ordering.core.basket.BasketEvent;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketState;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailCommand;
import org.bookworm.ordering.core.notification.EmailDecider;
import org.bookworm.ordering.core.notification.EmailEvent;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailState;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The basket and e-mail row tables of {@code docs/domain.md} tell the truth, checked cell by cell like {@link
 * DomainDocTest} does for the order and the buyer.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketAndEmailDocTest {
    private static final Path DOC = Path.of("..", "docs", "domain.md");

    private static List<String> doc() throws IOException {
        assertThat(DOC).as("docs/domain.md seen from the ordering-core module").exists();
        return Files.readAllLines(DOC, StandardCharsets.UTF_8);
    }

    @Test
    void every_cell_of_the_basket_table_is_what_the_decider_does() throws IOException {
        var decider = new BasketDecider();
        var twoDune = new BasketEvent.CopiesAdded(BUYER_ID, DUNE_ID, Quantity.of(2));
        var states = new LinkedHashMap<String, BasketState>();
        states.put("Empty", decider.fold(List.of()));
        states.put("WithItems", decider.fold(List.of(twoDune)));
        states.put("CheckedOut", decider.fold(List.of(twoDune, new BasketEvent.BasketCheckedOut(BUYER_ID, ORDER))));
        assertThat(states.values().stream().map(state -> state.getClass().getSimpleName()))
                .containsExactlyInAnyOrderElementsOf(recordsOf(BasketState.class));

        var emma = new BasketItem(EMMA_ID, Quantity.of(1));
        var commands = new LinkedHashMap<String, BasketCommand>();
        for (BasketCommand command : List.of(
                new BasketCommand.AddCopies(BUYER_ID, DUNE_ID, Quantity.of(1)),
                new BasketCommand.SetQuantity(BUYER_ID, DUNE_ID, Quantity.of(1)),
                new BasketCommand.RemoveLine(BUYER_ID, DUNE_ID),
                new BasketCommand.ReplaceAll(BUYER_ID, List.of(emma)),
                new BasketCommand.DeleteBasket(BUYER_ID),
                new BasketCommand.MarkCheckedOut(BUYER_ID, ORDER),
                new BasketCommand.ReleaseCheckout(BUYER_ID, ORDER),
                new BasketCommand.ClearCheckedOut(BUYER_ID, ORDER, List.of(new BasketItem(DUNE_ID, Quantity.of(2)))))) {
            commands.put(command.getClass().getSimpleName(), command);
        }
        assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(recordsOf(BasketCommand.class));

        checkEveryCell(
                table(doc(), "Basket command"),
                states,
                commands,
                (command, state) -> cellOf(decider.decide(command, state)),
                "basket");
    }

    @Test
    void every_cell_of_the_email_table_is_what_the_decider_does() throws IOException {
        var decider = new EmailDecider();
        var id = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-0000000e0001");
        var email =
                new Email(ORDER, EmailKind.SHIPPED, new EmailAddress("ada@example.org"), "Ada", "Shipped", "Hello Ada");
        var queued = new EmailEvent.EmailQueued(id, email, T0);
        var states = new LinkedHashMap<String, EmailState>();
        states.put("NoEmail", decider.fold(List.of()));
        states.put("Pending", decider.fold(List.of(queued)));
        states.put("Sent", decider.fold(List.of(queued, new EmailEvent.EmailSent(id, T1))));
        states.put("Dead", decider.fold(List.of(queued, new EmailEvent.EmailDead(id, "550"))));
        var noAddress = new Email(ORDER, EmailKind.SHIPPED, null, "Ada", "Shipped", "Hello Ada");
        states.put("Unsendable", decider.fold(List.of(new EmailEvent.EmailUnsendable(id, noAddress, T0))));
        assertThat(states.values().stream().map(state -> state.getClass().getSimpleName()))
                .containsExactlyInAnyOrderElementsOf(recordsOf(EmailState.class));

        var commands = new LinkedHashMap<String, EmailCommand>();
        for (EmailCommand command : List.of(
                new EmailCommand.Enqueue(id, email, T9),
                new EmailCommand.Claim(id, T9, T9.plusSeconds(120)),
                new EmailCommand.Unclaim(id),
                new EmailCommand.MarkSent(id, T9),
                new EmailCommand.MarkFailed(id, "421", T9),
                new EmailCommand.Resend(id, T9),
                new EmailCommand.CleanUp(id, T9))) {
            commands.put(command.getClass().getSimpleName(), command);
        }
        assertThat(commands.keySet()).containsExactlyInAnyOrderElementsOf(recordsOf(EmailCommand.class));

        checkEveryCell(
                table(doc(), "E-mail command"),
                states,
                commands,
                (command, state) -> cellOf(decider.decide(command, state)),
                "e-mail");
    }
}

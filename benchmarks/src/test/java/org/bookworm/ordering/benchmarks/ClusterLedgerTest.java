package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ClusterLedgerTest {
    @Test
    void one_each_is_no_problem_and_rows_of_other_orders_are_ignored() {
        var problems = new ArrayList<String>();

        ClusterLedger.exactlyOne(Set.of("a", "b"), Map.of("a", 1, "b", 1, "other", 3), "payments", problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void a_missing_and_a_doubled_order_are_each_a_problem() {
        var problems = new ArrayList<String>();

        ClusterLedger.exactlyOne(Set.of("a", "b", "c"), Map.of("a", 1, "b", 2), "payments", problems);

        assertThat(problems)
                .containsExactly(
                        "1 orders have no payments (e.g. c)",
                        "1 orders have more than one of the payments (e.g. [b (2)])");
    }

    @Test
    void one_sent_row_per_order_whose_message_id_arrived_once_is_no_problem() {
        var notes = new ArrayList<String>();

        var problems = ClusterLedger.mailProblems(
                Set.of("a", "b"),
                List.of(sent("a", "m1"), sent("b", "m2"), sent("other", "m3")),
                Map.of("m1", 1, "m2", 1),
                1,
                notes);

        assertThat(problems).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void a_message_id_received_twice_is_the_at_least_once_window_of_a_killed_sender_and_is_reported() {
        var notes = new ArrayList<String>();

        var problems = ClusterLedger.mailProblems(
                Set.of("a", "b"), List.of(sent("a", "m1"), sent("b", "m2")), Map.of("m1", 2, "m2", 1), 1, notes);

        assertThat(problems).isEmpty();
        assertThat(notes)
                .containsExactly("1 confirmation e-mails arrived twice with the same Message-ID (e.g. a (2)): the"
                        + " at-least-once window of ADR 0020, a sender killed between the SMTP server's acceptance"
                        + " and its SENT mark; 1 notification processes were killed");
    }

    @Test
    void more_copies_than_killed_senders_is_a_problem() {
        var notes = new ArrayList<String>();

        var problems = ClusterLedger.mailProblems(
                Set.of("a", "b"), List.of(sent("a", "m1"), sent("b", "m2")), Map.of("m1", 2, "m2", 2), 1, notes);

        assertThat(problems)
                .containsExactly("2 confirmation e-mails arrived more than once (e.g. [a (2), b (2)]): 2 extra copies,"
                        + " more than the 1 notification processes killed (each can leave at most the one e-mail it"
                        + " was sending)");
    }

    @Test
    void without_a_killed_sender_a_second_copy_is_a_problem() {
        var problems = ClusterLedger.mailProblems(
                Set.of("a"), List.of(sent("a", "m1")), Map.of("m1", 2), 0, new ArrayList<>());

        assertThat(problems).hasSize(1).first().asString().startsWith("1 confirmation e-mails arrived more than once");
    }

    @Test
    void a_second_row_for_one_order_an_unsent_row_and_a_mail_that_never_arrived_are_each_a_problem() {
        var problems = ClusterLedger.mailProblems(
                Set.of("a", "b", "c", "d"),
                List.of(
                        sent("a", "m1"),
                        sent("a", "m9"),
                        new ClusterLedger.MailRow("b", "m2", "PENDING"),
                        sent("c", "m3")),
                Map.of("m1", 1, "m9", 1, "m2", 1),
                1,
                new ArrayList<>());

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "1 orders have no confirmation e-mail rows in the outbox (e.g. d)",
                        "1 orders have more than one of the confirmation e-mail rows in the outbox (e.g. [a (2)])",
                        "1 confirmation e-mails are not SENT in the outbox (e.g. {b=PENDING})",
                        "1 confirmation e-mails marked SENT never arrived at the SMTP server (e.g. c)");
    }

    private static ClusterLedger.MailRow sent(String order, String id) {
        return new ClusterLedger.MailRow(order, id, "SENT");
    }
}

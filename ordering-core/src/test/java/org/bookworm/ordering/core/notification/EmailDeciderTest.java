package org.bookworm.ordering.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.DeciderSpec.given;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.T1;
import static org.bookworm.ordering.core.testing.OrderSamples.T2;
import static org.bookworm.ordering.core.testing.OrderSamples.T3;
import static org.bookworm.ordering.core.testing.OrderSamples.T5;
import static org.bookworm.ordering.core.testing.OrderSamples.T9;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.notification.EmailCommand.Claim;
import org.bookworm.ordering.core.notification.EmailCommand.CleanUp;
import org.bookworm.ordering.core.notification.EmailCommand.Enqueue;
import org.bookworm.ordering.core.notification.EmailCommand.MarkFailed;
import org.bookworm.ordering.core.notification.EmailCommand.MarkSent;
import org.bookworm.ordering.core.notification.EmailCommand.Resend;
import org.bookworm.ordering.core.notification.EmailCommand.Unclaim;
import org.bookworm.ordering.core.notification.EmailEvent.EmailClaimed;
import org.bookworm.ordering.core.notification.EmailEvent.EmailDead;
import org.bookworm.ordering.core.notification.EmailEvent.EmailPurged;
import org.bookworm.ordering.core.notification.EmailEvent.EmailQueued;
import org.bookworm.ordering.core.notification.EmailEvent.EmailRevived;
import org.bookworm.ordering.core.notification.EmailEvent.EmailSent;
import org.bookworm.ordering.core.notification.EmailEvent.EmailUnclaimed;
import org.bookworm.ordering.core.notification.EmailEvent.EmailUnsendable;
import org.bookworm.ordering.core.notification.EmailEvent.SendFailed;
import org.bookworm.ordering.core.notification.EmailRejection.AlreadyQueued;
import org.bookworm.ordering.core.notification.EmailRejection.NotAllowed;
import org.bookworm.ordering.core.notification.EmailRejection.NotDue;
import org.bookworm.ordering.core.notification.EmailRejection.UnknownEmail;
import org.bookworm.ordering.core.notification.EmailState.Dead;
import org.bookworm.ordering.core.notification.EmailState.NoEmail;
import org.bookworm.ordering.core.notification.EmailState.Pending;
import org.bookworm.ordering.core.notification.EmailState.Sent;
import org.bookworm.ordering.core.notification.EmailState.Unsendable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every outbox command in every stage of a row (none, pending, claimed, pending after failures, sent, dead,
 * unsendable), with the exact events or the exact rejection.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailDeciderTest {
    private static final EmailDecider DECIDER = new EmailDecider();
    private static final UUID ID = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-0000000e0001");
    private static final UUID OTHER_ID = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-0000000e0002");
    private static final Email EMAIL = new Email(
            ORDER,
            EmailKind.CONFIRMED,
            new EmailAddress("ada@example.org"),
            "Ada",
            EmailKind.CONFIRMED.subject(),
            "Hello Ada");
    private static final Email NO_ADDRESS =
            new Email(ORDER, EmailKind.CONFIRMED, null, "Customer", EmailKind.CONFIRMED.subject(), "Hello Customer");
    private static final Instant RETRY = T1.plus(Duration.ofMinutes(1));
    private static final Instant LEASE = T2.plus(Duration.ofMinutes(2));

    private static final List<EmailEvent> NONE = List.of();
    private static final List<EmailEvent> PENDING = List.of(new EmailQueued(ID, EMAIL, T0));
    private static final List<EmailEvent> CLAIMED =
            List.of(new EmailQueued(ID, EMAIL, T0), new EmailClaimed(ID, LEASE));
    private static final List<EmailEvent> RETRYING =
            List.of(new EmailQueued(ID, EMAIL, T0), new SendFailed(ID, "421 try later", RETRY));
    private static final List<EmailEvent> SENT = List.of(new EmailQueued(ID, EMAIL, T0), new EmailSent(ID, T1));
    private static final List<EmailEvent> DEAD =
            List.of(new EmailQueued(ID, EMAIL, T0), new EmailDead(ID, "550 no such user"));
    private static final List<EmailEvent> UNSENDABLE = List.of(new EmailUnsendable(ID, NO_ADDRESS, T0));
    private static final List<EmailEvent> PURGED =
            List.of(new EmailQueued(ID, EMAIL, T0), new EmailSent(ID, T1), new EmailPurged(ID));

    private static final Enqueue ENQUEUE = new Enqueue(ID, EMAIL, T0);
    private static final Enqueue ENQUEUE_AGAIN = new Enqueue(OTHER_ID, EMAIL, T5);
    private static final Claim CLAIM = new Claim(ID, T2, LEASE);
    private static final MarkSent MARK_SENT = new MarkSent(ID, T2);
    private static final MarkFailed RETRY_LATER = new MarkFailed(ID, "421 try later", RETRY);
    private static final MarkFailed GIVE_UP = new MarkFailed(ID, "550 no such user", null);
    private static final Resend RESEND = new Resend(ID, T9);
    private static final CleanUp CLEAN_UP = new CleanUp(ID, T3);

    private static EmailRow row(int attempts, Instant next, Instant sentAt, String error) {
        return new EmailRow(ID, EMAIL, attempts, T0, next, T0, null, sentAt, error);
    }

    @Test
    void every_history_folds_to_its_stage() {
        assertThat(given(DECIDER, NONE).state()).isEqualTo(new NoEmail());
        assertThat(given(DECIDER, PENDING).state()).isEqualTo(new Pending(row(0, T0, null, null)));
        assertThat(given(DECIDER, CLAIMED).state())
                .isEqualTo(new Pending(row(0, T0, null, null).claimed(LEASE)));
        assertThat(given(DECIDER, RETRYING).state()).isEqualTo(new Pending(row(1, RETRY, null, "421 try later")));
        assertThat(given(DECIDER, SENT).state()).isEqualTo(new Sent(row(1, T0, T1, null)));
        assertThat(given(DECIDER, DEAD).state()).isEqualTo(new Dead(row(1, T0, null, "550 no such user")));
        assertThat(given(DECIDER, UNSENDABLE).state())
                .isEqualTo(new Unsendable(
                        new EmailRow(ID, NO_ADDRESS, 0, T0, T0, T0, null, null, "the buyer has no e-mail address")));
        assertThat(given(DECIDER, PURGED).state()).isEqualTo(new NoEmail());
        assertThat(DECIDER.isTerminal(given(DECIDER, SENT).state())).isTrue();
        assertThat(DECIDER.isTerminal(given(DECIDER, UNSENDABLE).state())).isTrue();
        assertThat(DECIDER.isTerminal(given(DECIDER, DEAD).state())).isFalse();
    }

    @Nested
    class Without_a_row {
        @Test
        void enqueue_queues_it_due_at_once() {
            var state = given(DECIDER, NONE).when(ENQUEUE).then(new EmailQueued(ID, EMAIL, T0));
            assertThat(state).isEqualTo(new Pending(row(0, T0, null, null)));
        }

        @Test
        void an_email_without_an_address_is_recorded_as_unsendable_and_never_due() {
            var state = given(DECIDER, NONE)
                    .when(new Enqueue(ID, NO_ADDRESS, T0))
                    .then(new EmailUnsendable(ID, NO_ADDRESS, T0));
            assertThat(state).isInstanceOf(Unsendable.class);
            given(DECIDER, UNSENDABLE)
                    .when(new Claim(ID, T9, LEASE.plusSeconds(600)))
                    .thenRejectedWith(new NotAllowed(ID, "claim", "unsendable"));
        }

        @Test
        void after_clean_up_the_kind_may_be_queued_again() {
            given(DECIDER, PURGED).when(ENQUEUE_AGAIN).then(new EmailQueued(OTHER_ID, EMAIL, T5));
        }

        @Test
        void every_other_command_is_refused_as_unknown() {
            for (EmailCommand command : List.of(CLAIM, MARK_SENT, RETRY_LATER, GIVE_UP, RESEND, CLEAN_UP)) {
                given(DECIDER, NONE).when(command).thenRejectedWith(new UnknownEmail(ID));
            }
            assertThat(new UnknownEmail(ID).message()).isEqualTo("no e-mail " + ID + " in the outbox");
        }
    }

    @Nested
    class A_pending_row {
        @Test
        void a_second_enqueue_for_the_order_and_kind_is_refused() {
            given(DECIDER, PENDING)
                    .when(ENQUEUE_AGAIN)
                    .thenRejectedWith(new AlreadyQueued(OTHER_ID, ORDER, EmailKind.CONFIRMED, ID));
            given(DECIDER, RETRYING)
                    .when(ENQUEUE)
                    .thenRejectedWith(new AlreadyQueued(ID, ORDER, EmailKind.CONFIRMED, ID));
        }

        @Test
        void a_due_row_is_claimed_until_its_lease_ends_and_not_claimed_twice() {
            var state = given(DECIDER, PENDING).when(CLAIM).then(new EmailClaimed(ID, LEASE));
            assertThat(((Pending) state).row().dueAt()).isEqualTo(LEASE);
            given(DECIDER, CLAIMED).when(new Claim(ID, T3, T9)).thenRejectedWith(new NotDue(ID, LEASE));
            // a deliverer that died holding it: the row is due again once the lease is over
            given(DECIDER, CLAIMED)
                    .when(new Claim(ID, LEASE, LEASE.plusSeconds(120)))
                    .then(new EmailClaimed(ID, LEASE.plusSeconds(120)));
        }

        @Test
        void a_claim_given_back_unattempted_leaves_the_row_due_as_it_was_and_only_a_claim_is_given_back() {
            var state = given(DECIDER, CLAIMED).when(new Unclaim(ID)).then(new EmailUnclaimed(ID));
            assertThat(((Pending) state).row().claimedUntil()).isNull();
            assertThat(((Pending) state).row().dueAt()).isEqualTo(T0);
            assertThat(((Pending) state).row().attempts()).isZero();
            given(DECIDER, PENDING).when(new Unclaim(ID)).thenRejectedWith(new NotAllowed(ID, "unclaim", "pending"));
            given(DECIDER, SENT).when(new Unclaim(ID)).thenRejectedWith(new NotAllowed(ID, "unclaim", "sent"));
        }

        @Test
        void a_row_waiting_for_its_retry_is_not_claimed_before_it() {
            given(DECIDER, RETRYING).when(new Claim(ID, T1, T9)).thenRejectedWith(new NotDue(ID, RETRY));
            given(DECIDER, RETRYING).when(new Claim(ID, RETRY, T9)).then(new EmailClaimed(ID, T9));
            assertThat(new NotDue(ID, RETRY).message()).isEqualTo("e-mail " + ID + " is not due before " + RETRY);
        }

        @Test
        void sent_counts_the_attempt_records_when_and_ends_the_claim() {
            var state = given(DECIDER, CLAIMED).when(MARK_SENT).then(new EmailSent(ID, T2));
            assertThat(state).isEqualTo(new Sent(row(1, T0, T2, null)));
            var afterFailure = given(DECIDER, RETRYING).when(MARK_SENT).then(new EmailSent(ID, T2));
            // the last error stays on the row as history of the delivery
            assertThat(afterFailure).isEqualTo(new Sent(row(2, RETRY, T2, "421 try later")));
        }

        @Test
        void a_failure_with_a_retry_counts_the_attempt_ends_the_claim_and_reschedules() {
            var state = given(DECIDER, CLAIMED).when(RETRY_LATER).then(new SendFailed(ID, "421 try later", RETRY));
            assertThat(state).isEqualTo(new Pending(row(1, RETRY, null, "421 try later")));
            var again = given(DECIDER, RETRYING)
                    .when(new MarkFailed(ID, "451 busy", T9))
                    .then(new SendFailed(ID, "451 busy", T9));
            assertThat(again).isEqualTo(new Pending(row(2, T9, null, "451 busy")));
        }

        @Test
        void a_failure_without_a_retry_makes_it_dead() {
            var state = given(DECIDER, RETRYING).when(GIVE_UP).then(new EmailDead(ID, "550 no such user"));
            assertThat(state).isEqualTo(new Dead(row(2, RETRY, null, "550 no such user")));
        }

        @Test
        void a_row_that_failed_is_resent_at_once_keeping_its_attempts_with_a_new_window() {
            var state = given(DECIDER, RETRYING).when(RESEND).then(new EmailRevived(ID, T9));
            assertThat(state)
                    .isEqualTo(new Pending(new EmailRow(ID, EMAIL, 1, T0, T9, T9, null, null, "421 try later")));
        }

        @Test
        void a_row_that_never_failed_is_not_resent_and_not_cleaned_up() {
            given(DECIDER, PENDING).when(RESEND).thenRejectedWith(new NotAllowed(ID, "resend", "pending"));
            given(DECIDER, PENDING).when(CLEAN_UP).thenRejectedWith(new NotAllowed(ID, "clean up", "pending"));
            assertThat(new NotAllowed(ID, "resend", "pending").message()).isEqualTo("cannot resend a pending e-mail");
        }

        @Test
        void a_resent_row_that_a_deliverer_holds_stays_held() {
            var held = List.<EmailEvent>of(
                    new EmailQueued(ID, EMAIL, T0), new SendFailed(ID, "421", T1), new EmailClaimed(ID, LEASE));
            var state = given(DECIDER, held).when(RESEND).then(new EmailRevived(ID, T9));
            assertThat(((Pending) state).row().claimedUntil()).isEqualTo(LEASE);
        }

        @Test
        void a_command_for_another_row_is_refused_as_unknown() {
            given(DECIDER, PENDING).when(new MarkSent(OTHER_ID, T2)).thenRejectedWith(new UnknownEmail(OTHER_ID));
        }
    }

    @Nested
    class A_sent_row {
        @Test
        void a_second_enqueue_is_refused() {
            given(DECIDER, SENT)
                    .when(ENQUEUE_AGAIN)
                    .thenRejectedWith(new AlreadyQueued(OTHER_ID, ORDER, EmailKind.CONFIRMED, ID));
        }

        @Test
        void it_cannot_be_claimed_sent_again_fail_or_be_resent() {
            given(DECIDER, SENT).when(CLAIM).thenRejectedWith(new NotAllowed(ID, "claim", "sent"));
            given(DECIDER, SENT).when(MARK_SENT).thenRejectedWith(new NotAllowed(ID, "mark sent", "sent"));
            given(DECIDER, SENT).when(RETRY_LATER).thenRejectedWith(new NotAllowed(ID, "mark failed", "sent"));
            given(DECIDER, SENT).when(GIVE_UP).thenRejectedWith(new NotAllowed(ID, "mark failed", "sent"));
            given(DECIDER, SENT).when(RESEND).thenRejectedWith(new NotAllowed(ID, "resend", "sent"));
        }

        @Test
        void clean_up_forgets_it_once_sent_before_the_cutoff() {
            var state = given(DECIDER, SENT).when(CLEAN_UP).then(new EmailPurged(ID));
            assertThat(state).isEqualTo(new NoEmail());
        }

        @Test
        void clean_up_keeps_it_while_the_retention_lasts() {
            given(DECIDER, SENT).when(new CleanUp(ID, T1)).thenNothingHappens();
            given(DECIDER, SENT).when(new CleanUp(ID, T0)).thenNothingHappens();
        }
    }

    @Nested
    class A_dead_row {
        @Test
        void a_second_enqueue_is_refused() {
            given(DECIDER, DEAD)
                    .when(ENQUEUE_AGAIN)
                    .thenRejectedWith(new AlreadyQueued(OTHER_ID, ORDER, EmailKind.CONFIRMED, ID));
        }

        @Test
        void it_cannot_be_claimed_sent_or_fail_again() {
            given(DECIDER, DEAD).when(CLAIM).thenRejectedWith(new NotAllowed(ID, "claim", "dead"));
            given(DECIDER, DEAD).when(MARK_SENT).thenRejectedWith(new NotAllowed(ID, "mark sent", "dead"));
            given(DECIDER, DEAD).when(RETRY_LATER).thenRejectedWith(new NotAllowed(ID, "mark failed", "dead"));
            given(DECIDER, DEAD).when(GIVE_UP).thenRejectedWith(new NotAllowed(ID, "mark failed", "dead"));
        }

        @Test
        void resend_makes_it_pending_due_at_once_keeping_its_attempts() {
            var state = given(DECIDER, DEAD).when(RESEND).then(new EmailRevived(ID, T9));
            assertThat(state)
                    .isEqualTo(new Pending(new EmailRow(ID, EMAIL, 1, T0, T9, T9, null, null, "550 no such user")));
        }

        @Test
        void clean_up_is_refused() {
            given(DECIDER, DEAD).when(CLEAN_UP).thenRejectedWith(new NotAllowed(ID, "clean up", "dead"));
        }
    }

    @Nested
    class An_unsendable_row {
        @Test
        void it_is_never_claimed_sent_failed_or_resent() {
            for (EmailCommand command : List.of(CLAIM, MARK_SENT, RETRY_LATER, RESEND)) {
                given(DECIDER, UNSENDABLE)
                        .when(command)
                        .thenRejectedWith(new NotAllowed(
                                ID,
                                switch (command) {
                                    case Claim c -> "claim";
                                    case MarkSent c -> "mark sent";
                                    case MarkFailed c -> "mark failed";
                                    default -> "resend";
                                },
                                "unsendable"));
            }
        }

        @Test
        void clean_up_forgets_it_once_queued_before_the_cutoff() {
            given(DECIDER, UNSENDABLE).when(new CleanUp(ID, T0)).thenNothingHappens();
            given(DECIDER, UNSENDABLE).when(new CleanUp(ID, T1)).then(new EmailPurged(ID));
        }
    }

    @Test
    void evolve_refuses_a_corrupt_history() {
        assertThatThrownBy(() -> DECIDER.evolve(new NoEmail(), new EmailSent(ID, T1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
        var sent = given(DECIDER, SENT).state();
        assertThatThrownBy(() -> DECIDER.evolve(sent, new SendFailed(ID, "late", T5)))
                .isInstanceOf(IllegalStateException.class);
        var pending = given(DECIDER, PENDING).state();
        assertThatThrownBy(() -> DECIDER.evolve(pending, new EmailQueued(ID, EMAIL, T1)))
                .isInstanceOf(IllegalStateException.class);
        var unsendable = given(DECIDER, UNSENDABLE).state();
        assertThatThrownBy(() -> DECIDER.evolve(unsendable, new EmailClaimed(ID, T9)))
                .isInstanceOf(IllegalStateException.class);
    }
}
